import { Entity } from '@backstage/catalog-model';
import {
  CapacityRecord,
  DisciplineHeadlines,
  IncidentRecord,
  PeriodAvailability,
  RecoveryNode,
  RecoveryWalks,
  ResolvedPeriod,
  ServiceDeliverySpec,
  ValidationProblem,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import {
  ServiceDeliveryStore,
  TimeRange,
} from '../../database/ServiceDeliveryStore';
import { SnapshotComposites } from '../snapshotComposites';

/** What a discipline gets to compute one entity's headline. */
export interface HeadlineInput {
  entity: Entity;
  /** lower-case `kind:namespace/name` */
  entityRef: string;
  spec: ServiceDeliverySpec;
  problems: ValidationProblem[];
  /** the measured data; incidents, costs and DR tests of the batch are read from memory */
  store: ServiceDeliveryStore;
  /** good and total events of one of the entity's objectives in the buckets starting in a range */
  sliTotals(
    objective: string,
    range: TimeRange,
  ): Promise<{ good: number; total: number }>;
  /** the entity's capacity samples a forecast now reads (see listCapacityForForecast) */
  capacitySamples: CapacityRecord[];
  /** the entity's incidents in a period and its availability then, computed once per period */
  measure(period: ResolvedPeriod): Promise<{
    incidents: IncidentRecord[];
    availability: PeriodAvailability;
  }>;
  /**
   * the recovery graph (tiers, RTOs, dependencies) of this refresh's catalog snapshot, and what walks
   * over it found, shared by all entities
   */
  recoveryGraph(): { graph: Map<string, RecoveryNode>; walks: RecoveryWalks };
  /** the composite graphs of this refresh's catalog snapshot, one per period, shared by all entities */
  composites: SnapshotComposites;
  settings: ServiceDeliverySettings;
  now: number;
  /** the period asked for; each agreement's current period when absent */
  period?: string;
}

/**
 * The contract each discipline fulfils to appear in the overview: whether an entity declares the
 * discipline's part, and its headline figures. A headline is computed with the same calculations as
 * the discipline's tab, from only the data the headline needs (sums rather than buckets, no history
 * or charts), so that thousands of services refresh in minutes.
 */
export interface HeadlineSource<K extends keyof DisciplineHeadlines> {
  discipline: K;
  appliesTo(input: HeadlineInput): boolean;
  compute(input: HeadlineInput): Promise<NonNullable<DisciplineHeadlines[K]>>;
}

export type HeadlineSources = {
  [K in keyof DisciplineHeadlines]: HeadlineSource<K>;
};
