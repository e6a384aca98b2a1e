import { Entity } from '@backstage/catalog-model';
import {
  ContinuityResponse,
  ImpactResponse,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * web-banking (tier-1, RTO 1h, RPO 15m) read on 23 November 2026: last tested on 16 May, so the
 * 180-day interval ran out on 12 November; customer-profile (tier-2, RTO 4h) is an inversion; one
 * hour of outage in the past year at 120,000 EUR an hour is an expected loss of 120,000 EUR.
 */

export const webBankingEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-banking', namespace: 'default' },
  spec: {
    type: 'website',
    lifecycle: 'production',
    owner: 'group:digital-channels',
    serviceDelivery: {
      tier: 'tier-1',
      continuity: { rto: '1h', rpo: '15m', strategy: 'hot-standby' },
    },
  },
};

export const messageBusEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'message-bus', namespace: 'default' },
  spec: { type: 'message-bus', owner: 'group:platform' },
};

export const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-openapi', namespace: 'default' },
  spec: { type: 'openapi', owner: 'group:payments' },
};

const HOUR = 3600;

export const continuityResponse: ContinuityResponse = {
  entityRef: 'component:default/web-banking',
  declared: true,
  tier: 'tier-1',
  rto: HOUR,
  rpo: 900,
  testEvery: 180 * 24 * HOUR,
  objectives: {
    rto: { declared: HOUR, policy: HOUR, effective: HOUR, source: 'declared' },
    rpo: { declared: 900, policy: 900, effective: 900, source: 'declared' },
    testEvery: {
      declared: null,
      policy: 180 * 24 * HOUR,
      effective: 180 * 24 * HOUR,
      source: 'policy',
    },
  },
  policy: {
    tier: 'tier-1',
    rank: 0,
    availability: 99.95,
    rto: HOUR,
    rpo: 900,
    testEvery: 180 * 24 * HOUR,
  },
  strategy: 'hot-standby',
  plan: 'https://wiki.example.com/dr/web-banking',
  sites: ['eu-west-1', 'eu-central-1'],
  lastTest: {
    id: 'DR-2026-05',
    source: 'dr-runbook',
    performedAt: '2026-05-16T08:00:00.000Z',
    result: 'passed',
    achievedRto: 2400,
    achievedRpo: 300,
    notes: 'Failed over to eu-central-1',
    rtoMet: true,
    rpoMet: true,
  },
  testOverdue: true,
  testState: 'overdue',
  testDueAt: '2026-11-12T08:00:00.000Z',
  status: 'fail',
  checks: [
    {
      id: 'rto-within-policy',
      status: 'pass',
      message: "The declared RTO of 1h is within tier-1's 1h.",
      subjects: ['component:default/web-banking'],
    },
    {
      id: 'dr-test-due',
      status: 'fail',
      message:
        'The DR test is overdue: last tested on 2026-05-16, due again every 180d, so due since 2026-11-12.',
      subjects: ['component:default/web-banking'],
    },
    {
      id: 'dependency-inversion',
      status: 'fail',
      message:
        "customer-profile recovers in 4h, more than this service's RTO of 1h and is tier-2, a lower tier than tier-1: when it fails, this service cannot meet its recovery objective.",
      subjects: ['component:default/customer-profile'],
    },
    {
      id: 'risk-register',
      status: 'warn',
      message: 'High risk without mitigation: credential-stuffing (6).',
      subjects: ['component:default/web-banking'],
    },
  ],
  expectedAnnualLoss: {
    amount: 120000,
    currency: 'EUR',
    availability: 99.98858,
    basis: 'measured',
    costPerHour: 120000,
  },
  businessImpact: {
    costPerHour: 120000,
    currency: 'EUR',
    notes: 'Customers cannot bank online.',
  },
  drTests: [
    {
      id: 'DR-2026-05',
      source: 'dr-runbook',
      performedAt: '2026-05-16T08:00:00.000Z',
      result: 'passed',
      achievedRto: 2400,
      achievedRpo: 300,
      notes: 'Failed over to eu-central-1',
      rtoMet: true,
      rpoMet: true,
    },
    {
      id: 'DR-2025-11',
      source: 'dr-runbook',
      performedAt: '2025-11-15T08:00:00.000Z',
      result: 'failed',
      achievedRto: 7200,
      achievedRpo: 600,
      rtoMet: false,
      rpoMet: true,
    },
  ],
  risks: [
    {
      threat: 'credential-stuffing',
      likelihood: 'medium',
      impact: 'high',
      score: 6,
      rating: 'high',
    },
    {
      threat: 'cdn-outage',
      likelihood: 'low',
      impact: 'medium',
      mitigation: 'second CDN',
      score: 2,
      rating: 'low',
    },
  ],
  inversions: [
    {
      entityRef: 'component:default/customer-profile',
      path: [
        'component:default/web-banking',
        'component:default/customer-profile',
      ],
      reasons: ['rto', 'tier'],
      rto: 4 * HOUR,
      tier: 'tier-2',
    },
    {
      entityRef: 'resource:default/card-hsm',
      path: [
        'component:default/web-banking',
        'component:default/payments-api',
        'component:default/card-authorisation',
        'resource:default/card-hsm',
      ],
      reasons: ['rto'],
      rto: 24 * HOUR,
      tier: null,
    },
  ],
  problems: [],
};

export const messageBusImpact: ImpactResponse = {
  entityRef: 'resource:default/message-bus',
  tier: 'tier-1',
  failsWith: [
    {
      entityRef: 'component:default/payments-api',
      kind: 'component',
      title: 'Payments API',
      tier: 'tier-1',
      tierRank: 0,
      depth: 1,
      cause: 'resource:default/message-bus',
      via: 'dependsOn',
    },
    {
      entityRef: 'component:default/notifications-service',
      kind: 'component',
      tier: 'tier-3',
      tierRank: 2,
      depth: 1,
      cause: 'resource:default/message-bus',
      via: 'dependsOn',
    },
    {
      entityRef: 'component:default/web-banking',
      kind: 'component',
      tier: 'tier-1',
      tierRank: 0,
      depth: 2,
      cause: 'component:default/payments-api',
      via: 'dependsOn',
    },
    {
      entityRef: 'system:default/payments-processing',
      kind: 'system',
      tier: 'tier-1',
      tierRank: 0,
      depth: 2,
      cause: 'component:default/payments-api',
      via: 'partOf',
    },
  ],
  singlePointOfFailureFor: [
    { entityRef: 'component:default/payments-api', tier: 'tier-1' },
    { entityRef: 'component:default/web-banking', tier: 'tier-1' },
    { entityRef: 'system:default/payments-processing', tier: 'tier-1' },
  ],
  survives: [],
  graph: { entities: 31, loadedAt: '2026-11-23T12:00:00.000Z' },
};

export const redundantDbImpact: ImpactResponse = {
  entityRef: 'resource:default/payments-db-eu',
  tier: 'tier-1',
  failsWith: [],
  singlePointOfFailureFor: [],
  survives: [
    {
      entityRef: 'component:default/payments-api',
      tier: 'tier-1',
      lost: ['resource:default/payments-db-eu'],
      alternatives: ['resource:default/payments-db-us'],
    },
  ],
  graph: { entities: 31, loadedAt: '2026-11-23T12:00:00.000Z' },
};
