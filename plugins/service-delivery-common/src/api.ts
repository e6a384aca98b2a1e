/*
 * The JSON shapes of the Service Delivery REST API (base /api/service-delivery/v1).
 * Percentages are 0–100, durations are seconds, instants are ISO 8601 UTC strings.
 */

export type Status = 'met' | 'at-risk' | 'breached' | 'no-data';

import { RecordProblem, ValidationProblem } from './types';

export type Money = { amount: number; currency: string };

export type PeriodRange = {
  /** e.g. `2026-10`, `2026-Q4`, `rolling-28d` */
  label: string;
  start: string;
  end: string;
  /** the end of what has been measured: `end` for past periods, now for the current one */
  measuredUntil: string;
};

/** GET /entities/{kind}/{namespace}/{name} */
export type EntityServiceDeliveryResponse = {
  entityRef: string;
  declared: unknown;
  problems: ValidationProblem[];
};

export type ErrorBudget = {
  /** seconds of downtime (availability) or number of bad events (ratio, latency) allowed */
  allowed: number;
  consumed: number;
  remaining: number;
  /** consumed / allowed (0–1, above 1 once overspent); null when nothing is allowed (target 100) */
  consumedShare: number | null;
  /** 1 − consumedShare (negative once overspent); null when nothing is allowed */
  remainingShare: number | null;
  /** consumed share of the budget divided by the elapsed share of the period */
  burnRate: number | null;
  unit: 'seconds' | 'events';
};

export type BurnRateAlert = {
  severity: 'page' | 'ticket';
  threshold: number;
  longWindow: string;
  shortWindow: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
};

export type ObjectiveResult = {
  name: string;
  kind: 'availability' | 'latency' | 'ratio';
  target: number;
  /** the achieved percentage, null without data */
  actual: number | null;
  status: Status;
  errorBudget: ErrorBudget;
  alerts: BurnRateAlert[];
  /** the budget consumed over the period, for the burn-down chart */
  burnDown: Array<{ at: string; remainingShare: number | null }>;
};

export type SupportResult = {
  priority: string;
  responseTarget: number;
  resolutionTarget: number;
  incidents: number;
  respondedInTime: number;
  resolvedInTime: number;
  /** percentage of decided incidents responded to in time; null while none is decided */
  responseCompliance: number | null;
  /** percentage of decided incidents resolved in time; null while none is decided */
  resolutionCompliance: number | null;
};

export type AgreementResult = {
  name: string;
  type: 'SLA' | 'OLA' | 'UC';
  customer?: string;
  provider?: string;
  period: string;
  status: Status;
  inForce: boolean;
  /** `YYYY-MM-DD` as declared */
  effective?: string;
  /** `YYYY-MM-DD` as declared */
  expires?: string;
  document?: string;
  serviceCredits?: string;
  objectives: ObjectiveResult[];
  support: SupportResult[];
};

export type IncidentSummary = {
  id: string;
  source: string;
  title: string;
  priority?: string;
  impact: 'full' | 'partial' | 'degraded' | 'none';
  startedAt: string;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  planned: boolean;
  cause?: string;
  /** downtime this incident contributed within agreed service time, in seconds */
  downtime: number;
};

/** GET /entities/{ref}/sla?period= */
export type SlaResponse = {
  entityRef: string;
  period: PeriodRange;
  agreements: AgreementResult[];
  incidents: IncidentSummary[];
  problems: ValidationProblem[];
};

export type LimitingDependency = {
  entityRef: string;
  availability: number;
  /** agreed, measured, or unknown when the dependency declares nothing */
  basis: 'agreed' | 'measured' | 'unknown';
};

export type OutageBreakdown = {
  byCause: Array<{ key: string; downtime: number; incidents: number }>;
  byPriority: Array<{ key: string; downtime: number; incidents: number }>;
  byHourOfDay: Array<{ hour: number; downtime: number }>;
};

/** GET /entities/{ref}/availability?period= */
export type AvailabilityResponse = {
  entityRef: string;
  period: PeriodRange;
  timezone: string;
  agreedServiceTime: number;
  downtime: number;
  availability: number | null;
  target: number | null;
  status: Status;
  failures: number;
  mtbf: number | null;
  mtrs: number | null;
  mtbsi: number | null;
  incidents: IncidentSummary[];
  maintenance: Array<{ days: string[]; from: string; to: string }>;
  history: Array<{
    period: string;
    availability: number | null;
    target: number | null;
    downtime: number;
  }>;
  outageAnalysis: OutageBreakdown;
  problems: ValidationProblem[];
  composite: {
    achievable: number | null;
    /** the agreed target is above what the dependencies can deliver */
    unachievable: boolean;
    limitingDependencies: LimitingDependency[];
  };
};

/** 400 answer of POST /ingest/{kind} */
export type IngestErrorResponse = { error: string; problems: RecordProblem[] };

/** 200 answer of POST /ingest/{kind} */
export type IngestResponse = {
  accepted: number;
  updated: number;
  unchanged: number;
};
