import { CostCoverage } from './calc/costCoverage';
import { CostOrigin } from './types';

/**
 * A cost line held unattributed: it named an entity the catalog does not know. It counts in no
 * service's cost until it is sent again, with the same source and id, for a known entity.
 *
 * @public
 */
export type UnattributedCost = {
  source: string;
  id: string;
  /** the entity the line named, which the catalog did not know */
  entityRef: string;
  /** `YYYY-MM` */
  periodStart: string;
  category: string;
  amount: number;
  currency: string;
  /** the file and lines it was read from, when the sender said */
  origin: CostOrigin | null;
  /** who sent it last, and when (ISO 8601) */
  writtenBy: string;
  writtenAt: string;
};

/**
 * Unattributed spend of a month in one currency.
 *
 * @public
 */
export type UnattributedTotal = {
  currency: string;
  amount: number;
  lines: number;
};

/**
 * GET /cost/unattributed?month=
 *
 * @public
 */
export type UnattributedCostsResponse = {
  month: string;
  totals: UnattributedTotal[];
  lines: UnattributedCost[];
};

/**
 * GET /cost/coverage?month=&…the overview's filters
 *
 * @public
 */
export type CostCoverageResponse = {
  month: string;
  /**
   * `organisation` when no filter narrows the services: unattributed lines then count in the
   * shares; `filtered` (a group, domain, system, …) counts only its services' spend, because an
   * unattributed line belongs to none of them
   */
  scope: 'organisation' | 'filtered';
  /** per currency, over the services whose cost the caller may read */
  coverage: CostCoverage[];
  /** the organisation's unattributed spend of the month; null without the permission to read it */
  unattributed: UnattributedTotal[] | null;
  /**
   * the month's unattributed lines themselves, as `GET /cost/unattributed` lists them; null without
   * the permission to read them
   */
  unattributedLines?: UnattributedCost[] | null;
};
