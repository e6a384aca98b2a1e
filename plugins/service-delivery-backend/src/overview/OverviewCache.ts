import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Finding,
  FindingSummary,
  OverviewRow,
  OverviewRowSummary,
  compareFindings,
  summariseFinding,
  summariseOverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import {
  DatabaseOverviewStore,
  OverviewVersion,
  StoredOverviewSummary,
} from '../database/DatabaseOverviewStore';
import { principalKey } from '../disciplines/catalogGraph';
import { ComputedRow } from './overviewRows';
import { PeriodComputationBudget } from './periodComputationBudget';

/** One entity's whole overview row and findings, as a page of rows or findings shows them. */
export type OverviewDetail = { row: OverviewRow; findings: Finding[] };

/**
 * The overview as requests read it: every row's summary and its findings', to filter, sort and sum,
 * and the whole rows of the entities a page shows.
 */
export type OverviewData = {
  rows: OverviewRowSummary[];
  /** every row's findings, most severe first */
  findings: FindingSummary[];
  computedAt: number | null;
  /**
   * The whole rows and findings of these entities. Of the current period they are read from the
   * database, and so may be newer than the summaries (an entity whose row was removed since is left
   * out); of another period they are those computed with it.
   */
  details(entityRefs: readonly string[]): Promise<Map<string, OverviewDetail>>;
};

/** How often a request checks whether another replica wrote new rows. */
const CHECK_EVERY_MS = 2_000;
/** Rows of another period are kept this long (and while the stored rows do not change). */
const PERIOD_TTL_MS = 10 * 60_000;
const MAX_PERIODS = 12;
/**
 * Rows of other periods kept in all, about 100 MB at some 5 KB a row (the whole row and its
 * summary): at 10,000 services, two periods, not twelve. The period asked for last is kept
 * whatever its size.
 */
const PERIOD_ROWS_KEPT = 20_000;
/** New computations of other periods one caller may start per minute. */
const PERIODS_PER_CALLER_PER_MINUTE = 6;

/** The copy of the stored rows requests read, and the stored summaries it was made of, by entity. */
type CurrentCopy = {
  version: OverviewVersion;
  value: Promise<OverviewData>;
  stored: Promise<Map<string, StoredOverviewSummary>>;
};

/** The rows of another period than the current one, as kept for the next callers. */
type KeptPeriod = {
  at: number;
  version: OverviewVersion;
  value: Promise<OverviewData>;
  /** known once computed */
  rows?: number;
};

function dataOf(
  summaries: Iterable<{ row: OverviewRowSummary; findings: FindingSummary[] }>,
  computedAt: number | null,
  details: OverviewData['details'],
): OverviewData {
  const rows: OverviewRowSummary[] = [];
  const findings: FindingSummary[] = [];
  for (const s of summaries) {
    rows.push(s.row);
    findings.push(...s.findings);
  }
  return {
    rows,
    findings: findings.sort(compareFindings),
    computedAt,
    details,
  };
}

/** Another period's rows: summarised as the stored ones are, and kept whole for its pages. */
function periodDataOf(
  computed: ComputedRow[],
  computedAt: number,
): OverviewData {
  const whole = new Map<string, OverviewDetail>();
  for (const c of computed) {
    whole.set(c.row.entityRef, { row: c.row, findings: c.findings });
  }
  return dataOf(
    computed.map(c => ({
      row: summariseOverviewRow(c.row),
      findings: c.findings.map(summariseFinding),
    })),
    computedAt,
    async refs => {
      const details = new Map<string, OverviewDetail>();
      for (const ref of refs) {
        const detail = whole.get(ref);
        if (detail) details.set(ref, detail);
      }
      return details;
    },
  );
}

/** Rows in the order of their entity references' code units, whatever the database's collation. */
function byEntityRef(
  stored: Iterable<StoredOverviewSummary>,
): Map<string, StoredOverviewSummary> {
  const sorted = [...stored].sort((a, b) => {
    if (a.entityRef === b.entityRef) return 0;
    return a.entityRef < b.entityRef ? -1 : 1;
  });
  return new Map(sorted.map(s => [s.entityRef, s]));
}

/**
 * Each instance's copy of the precomputed overview's summaries, so that requests filter, sort and
 * sum in memory (the whole rows of a page are read from the database): read once, then, when the stored rows changed (their count or newest
 * `computed_at`), only the rows written since the copy's version and the references of the rows
 * still stored when some were removed — a refresh of a few hundred rows does not make every
 * replica read and parse all ten thousand again. Other periods than the current one are computed
 * on request and kept a while: the last 12 asked for, and no more rows in all than
 * `periodRowsKept` (the last one asked for whatever its size), shared by every caller (concurrent
 * callers of one period share one computation), and each caller may start only a few new ones a
 * minute.
 */
export class OverviewCache {
  private data?: CurrentCopy;
  private checkedAt = -Infinity;
  private checking?: Promise<OverviewData>;
  private readonly periods = new Map<string, KeptPeriod>();

  private readonly budget: PeriodComputationBudget;

  constructor(
    private readonly options: {
      overviewStore: Pick<
        DatabaseOverviewStore,
        | 'version'
        | 'readSummaries'
        | 'readSummariesWrittenSince'
        | 'readRows'
        | 'storedRefs'
      >;
      computePeriod: (period: string) => Promise<ComputedRow[]>;
      now?: () => number;
      /** default 6 */
      periodsPerCallerPerMinute?: number;
      /** default 20,000 */
      periodRowsKept?: number;
    },
  ) {
    this.budget = new PeriodComputationBudget({
      perMinute:
        options.periodsPerCallerPerMinute ?? PERIODS_PER_CALLER_PER_MINUTE,
      now: options.now ?? Date.now,
    });
  }

  /** Forgets the copy, after this instance wrote new rows. */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  async current(): Promise<OverviewData> {
    const now = (this.options.now ?? Date.now)();
    if (this.data && now - this.checkedAt < CHECK_EVERY_MS) {
      return this.data.value;
    }
    this.checking ??= this.check(now).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /**
   * The rows of another period, computed from the measured data on first request. A new
   * computation counts against the caller's budget: beyond it, TooManyRequestsError (429).
   */
  async forPeriod(
    period: string,
    caller?: BackstageCredentials,
  ): Promise<OverviewData> {
    const now = (this.options.now ?? Date.now)();
    await this.current();
    const version = this.data!.version;
    const cached = this.periods.get(period);
    if (
      cached &&
      now - cached.at < PERIOD_TTL_MS &&
      sameVersion(cached.version, version)
    ) {
      // most recently used last
      this.periods.delete(period);
      this.periods.set(period, cached);
      return cached.value;
    }
    if (caller) {
      this.budget.take(principalKey(caller));
    }
    const value = this.options
      .computePeriod(period)
      .then(computed => periodDataOf(computed, now));
    const entry: KeptPeriod = { at: now, version, value };
    this.periods.delete(period);
    this.periods.set(period, entry);
    value.then(
      data => {
        entry.rows = data.rows.length;
        this.keepWithinRows();
      },
      () => {
        if (this.periods.get(period) === entry) this.periods.delete(period);
      },
    );
    while (this.periods.size > MAX_PERIODS) {
      this.periods.delete(this.periods.keys().next().value!);
    }
    return value;
  }

  /** Lets the least recently used periods go until the rest hold no more rows than allowed. */
  private keepWithinRows() {
    const allowed = this.options.periodRowsKept ?? PERIOD_ROWS_KEPT;
    let kept = 0;
    for (const entry of this.periods.values()) kept += entry.rows ?? 0;
    for (const [period, entry] of this.periods) {
      if (kept <= allowed || this.periods.size === 1) break;
      // a computation still running holds no rows yet, and its callers wait for it
      if (entry.rows === undefined) continue;
      this.periods.delete(period);
      kept -= entry.rows;
    }
  }

  private async check(now: number): Promise<OverviewData> {
    const version = await this.options.overviewStore.version();
    this.checkedAt = now;
    if (!this.data || !sameVersion(this.data.version, version)) {
      const since = this.data?.version.computedAt ?? null;
      const stored =
        this.data && since !== null
          ? this.data.stored.then(
              rows => this.readChanges(rows, since, version),
              () => this.readAll(),
            )
          : this.readAll();
      const store = this.options.overviewStore;
      const value = stored.then(rows =>
        dataOf(rows.values(), version.computedAt, refs => store.readRows(refs)),
      );
      const copy: CurrentCopy = { version, value, stored };
      this.data = copy;
      value.catch(() => {
        if (this.data === copy) this.data = undefined;
      });
    }
    return this.data.value;
  }

  private async readAll(): Promise<Map<string, StoredOverviewSummary>> {
    return byEntityRef(await this.options.overviewStore.readSummaries());
  }

  /**
   * The copy's stored rows brought up to date: the rows written at or after the copy's version
   * (at, not after: another write in the same millisecond may have followed the copy's read), and
   * without the rows removed since. A row that is stored but neither in the copy nor written since
   * (another replica's clock behind this one's) makes it read everything.
   */
  private async readChanges(
    previous: ReadonlyMap<string, StoredOverviewSummary>,
    since: number,
    version: OverviewVersion,
  ): Promise<Map<string, StoredOverviewSummary>> {
    const store = this.options.overviewStore;
    const written = await store.readSummariesWrittenSince(since);
    const rows = new Map(previous);
    for (const row of written) rows.set(row.entityRef, row);
    if (rows.size !== version.rows) {
      const present = await store.storedRefs();
      for (const ref of rows.keys()) if (!present.has(ref)) rows.delete(ref);
      if (rows.size !== present.size) return this.readAll();
    }
    return written.length > 0 ? byEntityRef(rows.values()) : rows;
  }
}

function sameVersion(a: OverviewVersion, b: OverviewVersion): boolean {
  return a.rows === b.rows && a.computedAt === b.computedAt;
}
