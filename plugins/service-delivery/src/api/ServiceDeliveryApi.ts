import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  AvailabilityResponse,
  CapacityResponse,
  ContinuityResponse,
  CorrectionRecord,
  CostCoverageResponse,
  CostResponse,
  EntityServiceDeliveryResponse,
  ImpactResponse,
  SlaResponse,
  FindingsResponse,
  GateDecisionsResponse,
  IngestResponse,
  OverviewResponse,
  SlaReportResponse,
  UnattributedCostsResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { FindingsQuery, OverviewQuery, SlaReportQuery } from './overviewQuery';

/**
 * A period as the API takes it: `YYYY-MM`, `YYYY-Qn`, `rolling-28d` or `rolling-30d`. Leaving it out
 * asks for the current period of the kind each agreement declares.
 *
 * @public
 */
export type PeriodSpec = string;

/**
 * The months the Cost tab asks for (`YYYY-MM`): `from`..`to`, or the `months` months up to `to`.
 * Leaving everything out asks for the last twelve months, the current one included.
 *
 * @public
 */
export type CostRange = { from?: string; to?: string; months?: number };

/**
 * What-if modelling of capacity: demand scaled by `growth` (1.2 = 20 % more), `capacityChange`
 * such as `cpu:768@2026-12-01`, and the trend `window` (`30d` by default).
 *
 * @public
 */
export type CapacityWhatIf = {
  growth?: number;
  capacityChange?: string;
  window?: string;
};

/**
 * Reads what the Service Delivery backend computes for an entity.
 *
 * @public
 */
export interface ServiceDeliveryApi {
  /** The declared `spec.serviceDelivery` metadata and its validation problems. */
  getEntity(
    entityRef: CompoundEntityRef,
  ): Promise<EntityServiceDeliveryResponse>;
  /** Agreements, objectives, error budgets and support targets for a period. */
  getSla(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<SlaResponse>;
  /** Availability, its history and outage analysis, and the composite ceiling for a period. */
  getAvailability(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<AvailabilityResponse>;
  /**
   * Recovery objectives against the tier policy, DR tests, business impact, risks and the checks of
   * IT service continuity.
   */
  getContinuity(entityRef: CompoundEntityRef): Promise<ContinuityResponse>;
  /** What fails with the entity, over the whole catalog's dependency graph (its blast radius). */
  getImpact(entityRef: CompoundEntityRef): Promise<ImpactResponse>;
  /**
   * Stores an SLA correction (`POST /ingest/corrections`). Rejects with a ResponseError: 400 naming
   * each bad field, 403 without `service-delivery.data.write` for the entity.
   */
  addCorrection(correction: CorrectionRecord): Promise<IngestResponse>;
  /** Removes an SLA correction by its source and id; the audit trail keeps who removed it. */
  removeCorrection(correction: { source: string; id: string }): Promise<void>;
  /** The release gate's recorded answers for the entity, newest first (50 unless `limit`). */
  getGateDecisions(
    entityRef: CompoundEntityRef,
    options?: { limit?: number },
  ): Promise<GateDecisionsResponse>;
  /**
   * Cost per month against budget, forecast, chargeback, unit and fully loaded cost. Rejects with
   * a 403 ResponseError without the service-delivery.cost.read permission.
   */
  getCost(
    entityRef: CompoundEntityRef,
    range?: CostRange,
  ): Promise<CostResponse>;
  /**
   * The same costs as FOCUS CSV (for a system, domain or group, each part's whose cost the caller
   * may read): `showback` charges each cost to the entity's owner, `chargeback` splits it by the
   * declared chargeback shares.
   */
  getCostFocusCsv(
    entityRef: CompoundEntityRef,
    options?: CostRange & { view?: 'showback' | 'chargeback' },
  ): Promise<string>;
  /** Each resource's utilisation, trend and the dates it crosses its thresholds. */
  getCapacity(
    entityRef: CompoundEntityRef,
    whatIf?: CapacityWhatIf,
  ): Promise<CapacityResponse>;
  /**
   * A month's spend (`YYYY-MM`, the current month when left out) over the services a portfolio
   * selects (every service without a scope): allocated, shared and — organisation-wide —
   * unattributed, as shares.
   */
  getCostCoverage(query?: {
    month?: string;
    owner?: string[];
    system?: string[];
    domain?: string[];
  }): Promise<CostCoverageResponse>;
  /** A month's cost lines held unattributed; needs `service-delivery.cost.unattributed.read`. */
  getUnattributedCosts(month?: string): Promise<UnattributedCostsResponse>;
  /** One page of the org-wide overview, with KPIs, facets, charts and roll-ups of what is filtered. */
  getOverview(query?: OverviewQuery): Promise<OverviewResponse>;
  /** The findings of the services the filters select, most severe first. */
  getFindings(query?: FindingsQuery): Promise<FindingsResponse>;
  /** The SLA report of one service or a filtered portfolio, for a period. */
  getSlaReport(query: SlaReportQuery): Promise<SlaReportResponse>;
  /** The overview's rows or the SLA report as CSV text, for what the query selects. */
  getCsv(
    of: 'overview' | 'sla-report',
    query: OverviewQuery | SlaReportQuery,
  ): Promise<string>;
}

/** @public */
export const serviceDeliveryApiRef = createApiRef<ServiceDeliveryApi>({
  id: 'plugin.service-delivery.service',
});
