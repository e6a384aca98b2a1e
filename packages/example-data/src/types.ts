/**
 * The shapes this package produces: catalog entities (just what it needs of Backstage's `Entity`)
 * and the measured-data records of DESIGN §3, exactly as `POST /api/service-delivery/v1/ingest/*`
 * takes them.
 */

/** A catalog entity as read from YAML — structurally compatible with `@backstage/catalog-model`'s. */
export interface EntityLike {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    [key: string]: unknown;
  };
  spec?: { [key: string]: any };
  relations?: unknown[];
}

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Impact = 'full' | 'partial' | 'degraded' | 'none';

/** `POST /ingest/incidents` */
export interface IncidentRecord {
  id: string;
  entityRef: string;
  source: string;
  title: string;
  priority: Priority;
  impact: Impact;
  /** ISO 8601 UTC */
  startedAt: string;
  acknowledgedAt: string | null;
  /** null while the incident is open */
  resolvedAt: string | null;
  planned: boolean;
  cause?: string;
}

/** `POST /ingest/sli`: good and total events of one objective in one time bucket. */
export interface SliRecord {
  entityRef: string;
  source: string;
  objective: string;
  bucketStart: string;
  bucketSeconds: number;
  good: number;
  total: number;
}

export type CostCategory =
  | 'compute'
  | 'storage'
  | 'network'
  | 'licences'
  | 'people';

/** `POST /ingest/costs`: one category's actual cost in one month. */
export interface CostRecord {
  id: string;
  entityRef: string;
  source: string;
  /** the first day of the month, `YYYY-MM-01` */
  periodStart: string;
  category: CostCategory;
  amount: number;
  currency: string;
  /** the file and lines of a finance export the line was read from */
  origin?: { file: string; lines: number[] };
}

/** `POST /ingest/capacity`: one usage sample of one declared capacity resource. */
export interface CapacityRecord {
  entityRef: string;
  source: string;
  resource: string;
  at: string;
  used: number;
  /** overrides the declared capacity from this sample on */
  capacity?: number;
}

/** `POST /ingest/dr-tests` */
export interface DrTestRecord {
  id: string;
  entityRef: string;
  source: string;
  performedAt: string;
  result: 'passed' | 'partial' | 'failed';
  /** seconds, or a duration in the YAML forms */
  achievedRto: number | string;
  achievedRpo: number | string;
  notes: string;
}

/**
 * `POST /ingest/corrections`: an incident (by source and id) or an interval that an agreement (every
 * agreement, without `agreement`) does not count against its objectives.
 */
export interface CorrectionRecord {
  id: string;
  entityRef: string;
  source: string;
  agreement?: string;
  incident?: { source: string; id: string };
  from?: string;
  to?: string;
  reason:
    | 'customer-caused'
    | 'third-party-underpinning-contract'
    | 'force-majeure'
    | 'monitoring-error'
    | 'planned-outside-window'
    | 'other';
  note: string;
}

export interface MeasuredData {
  incidents: IncidentRecord[];
  sli: SliRecord[];
  costs: CostRecord[];
  capacity: CapacityRecord[];
  drTests: DrTestRecord[];
  /**
   * Cost lines of a finance export that misspelt a service (`mobile-bankng-api`): the backend
   * holds them unattributed until finance maps them.
   */
  unattributedCosts?: CostRecord[];
  /** SLA corrections of incidents above (load them after the incidents) */
  corrections?: CorrectionRecord[];
}
