import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Finding,
  FindingSummary,
  OverviewRow,
  OverviewRowSummary,
  chunks,
  summariseFinding,
  summariseOverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { REFS_PER_QUERY, migrateToLatest } from './sql';
import { shareStrings } from './sharedStrings';
import { TimeRange } from './ServiceDeliveryStore';
import { countedSeriesCondition } from './tables';

const ROWS_PER_STATEMENT = 100;
/** Stored rows read per query by `readAll`. */
const ROWS_PER_READ = 1000;

const ROWS = 'sd_overview_rows';
const STATES = 'sd_notification_state';

/** A stored overview row, as written. */
export type StoredOverviewRow = {
  entityRef: string;
  row: OverviewRow;
  findings: Finding[];
  computedAt: number;
};

/** A stored overview row as the org-wide figures read it: its summary and its findings'. */
export type StoredOverviewSummary = {
  entityRef: string;
  row: OverviewRowSummary;
  findings: FindingSummary[];
  computedAt: number;
};

/** A subject's move from the state read before (null: none recorded) to a new one. */
export type NotificationStateChange = {
  entityRef: string;
  subject: string;
  previous: string | null;
  state: string;
};

function summarise(row: OverviewRow, findings: Finding[]) {
  return {
    row: summariseOverviewRow(row),
    findings: findings.map(summariseFinding),
  };
}

/** Identifies what is stored: changes whenever a row is written or removed. */
export type OverviewVersion = { rows: number; computedAt: number | null };

/**
 * The precomputed overview rows and the notification state, for SQLite and PostgreSQL. Every
 * replica reads the same rows; whoever refreshes writes them.
 */
export class DatabaseOverviewStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOverviewStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      // replicas starting together race for the migration lock, as for the measured-data store
      await migrateToLatest(client);
    }
    return new DatabaseOverviewStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async version(): Promise<OverviewVersion> {
    const result = await this.db(ROWS)
      .count({ rows: '*' })
      .max({ computedAt: 'computed_at' })
      .first();
    return {
      rows: Number(result?.rows ?? 0),
      computedAt:
        result?.computedAt === null || result?.computedAt === undefined
          ? null
          : Number(result.computedAt),
    };
  }

  /**
   * Every stored row, by entity reference: read a page at a time, so that the stored text of only
   * one page is held beside the parsed rows, and with the strings the rows repeat shared.
   */
  async readAll(): Promise<StoredOverviewRow[]> {
    return this.readPaged(undefined, (row, findings) => ({ row, findings }));
  }

  /**
   * Every stored row's summary and its findings', as `readAll` reads the rows: what a replica holds
   * to filter, sort and sum the overview. The whole rows of a page are read with `readRows`.
   */
  async readSummaries(): Promise<StoredOverviewSummary[]> {
    return this.readPaged(undefined, summarise);
  }

  /**
   * The summaries of the rows written at or after `computedAt` (ms): what a copy read at that
   * version lacks. Rows removed since are not among them: `storedRefs` tells those.
   */
  async readSummariesWrittenSince(
    computedAt: number,
  ): Promise<StoredOverviewSummary[]> {
    return this.readPaged(computedAt, summarise);
  }

  /** The whole stored rows and findings of these entities (those without a row are left out). */
  async readRows(
    entityRefs: readonly string[],
  ): Promise<Map<string, { row: OverviewRow; findings: Finding[] }>> {
    const result = new Map<string, { row: OverviewRow; findings: Finding[] }>();
    const stored = await this.readSerialised([...new Set(entityRefs)]);
    for (const [ref, { row, findings }] of stored) {
      result.set(ref, { row: JSON.parse(row), findings: JSON.parse(findings) });
    }
    return result;
  }

  private async readPaged<R, F>(
    since: number | undefined,
    shape: (row: OverviewRow, findings: Finding[]) => { row: R; findings: F[] },
  ): Promise<
    Array<{ entityRef: string; row: R; findings: F[]; computedAt: number }>
  > {
    const result: Array<{
      entityRef: string;
      row: R;
      findings: F[];
      computedAt: number;
    }> = [];
    const pool = new Map<string, string>();
    let after: string | undefined;
    for (;;) {
      const query = this.db(ROWS)
        .select('*')
        .orderBy('entity_ref')
        .limit(ROWS_PER_READ);
      if (since !== undefined) query.where('computed_at', '>=', since);
      if (after !== undefined) query.where('entity_ref', '>', after);
      const page = await query;
      for (const stored of page) {
        const shaped = shape(
          JSON.parse(stored.row),
          JSON.parse(stored.findings),
        );
        result.push({
          entityRef: shareStrings(stored.entity_ref as string, pool),
          row: shareStrings(shaped.row, pool),
          findings: shareStrings(shaped.findings, pool),
          computedAt: Number(stored.computed_at),
        });
      }
      if (page.length < ROWS_PER_READ) return result;
      after = page[page.length - 1].entity_ref;
    }
  }

  /** Which entities have a stored row. */
  async storedRefs(): Promise<Set<string>> {
    const rows = await this.db(ROWS).select('entity_ref');
    return new Set(rows.map(r => r.entity_ref));
  }

  /** The JSON of the stored rows, to tell which rows a refresh actually changes. */
  async readSerialised(
    entityRefs?: string[],
  ): Promise<Map<string, { row: string; findings: string }>> {
    const result = new Map<string, { row: string; findings: string }>();
    const read = async (refs?: string[]) => {
      const query = this.db(ROWS).select('entity_ref', 'row', 'findings');
      if (refs) query.whereIn('entity_ref', refs);
      for (const stored of await query) {
        result.set(stored.entity_ref, {
          row: stored.row,
          findings: stored.findings,
        });
      }
    };
    if (entityRefs) {
      for (const refs of chunks(entityRefs, REFS_PER_QUERY)) await read(refs);
    } else {
      await read();
    }
    return result;
  }

  /** Writes rows and removes the rows of entities that are gone, in one transaction. */
  async write(options: {
    rows: Array<{ entityRef: string; row: string; findings: string }>;
    computedAt: number;
    remove?: string[];
  }): Promise<void> {
    const { computedAt } = options;
    await this.db.transaction(async tx => {
      for (const batch of chunks(options.rows, ROWS_PER_STATEMENT)) {
        await tx(ROWS)
          .insert(
            batch.map(r => ({
              entity_ref: r.entityRef,
              row: r.row,
              findings: r.findings,
              computed_at: computedAt,
            })),
          )
          .onConflict('entity_ref')
          .merge(['row', 'findings', 'computed_at']);
      }
      for (const refs of chunks(options.remove ?? [], REFS_PER_QUERY)) {
        await tx(ROWS).whereIn('entity_ref', refs).delete();
      }
    });
  }

  /**
   * Good and total events per entity and objective in the buckets that start within the range,
   * summed by the database: an error budget needs the sums, not the buckets. Keyed
   * `entityRef|objective`.
   */
  async sliTotals(options: {
    entityRefs: string[];
    range: TimeRange;
  }): Promise<Map<string, { good: number; total: number }>> {
    const { range } = options;
    const totals = new Map<string, { good: number; total: number }>();
    for (const refs of chunks(
      [...new Set(options.entityRefs)],
      REFS_PER_QUERY,
    )) {
      const rows: Array<{
        entity_ref: string;
        objective: string;
        good: unknown;
        total: unknown;
      }> = await this.db('sd_sli')
        .select('entity_ref', 'objective')
        .sum({ good: 'good', total: 'total' })
        .whereIn('entity_ref', refs)
        .andWhere('bucket_start', '>=', range.from)
        .andWhere('bucket_start', '<', range.to)
        .whereRaw(countedSeriesCondition('sli'))
        .groupBy('entity_ref', 'objective');
      for (const row of rows) {
        totals.set(`${row.entity_ref}|${row.objective}`, {
          good: Number(row.good),
          total: Number(row.total),
        });
      }
    }
    return totals;
  }

  /** The recorded notification state of the entities' subjects, by `entityRef|subject`. */
  async notificationStates(entityRefs: string[]): Promise<Map<string, string>> {
    const states = new Map<string, string>();
    for (const refs of chunks([...new Set(entityRefs)], REFS_PER_QUERY)) {
      const rows = await this.db(STATES)
        .select('entity_ref', 'subject', 'state')
        .whereIn('entity_ref', refs);
      for (const row of rows) {
        states.set(`${row.entity_ref}|${row.subject}`, row.state);
      }
    }
    return states;
  }

  /**
   * Moves a subject from the state read before to a new one, only if no one else has moved it in
   * between: true when this caller made the change (and so is the one to tell the owners).
   */
  async claimNotificationState(
    change: NotificationStateChange & { at: number },
  ): Promise<boolean> {
    const claimed = await this.claimNotificationStates([change], change.at);
    return claimed.size > 0;
  }

  /**
   * Claims many changes as {@link DatabaseOverviewStore.claimNotificationState} claims one, in a
   * few statements: each change is made only if the subject is still in the state read before (or
   * still unrecorded), and the answer holds the `entityRef|subject` of those this caller made.
   */
  async claimNotificationStates(
    changes: readonly NotificationStateChange[],
    at: number,
  ): Promise<Set<string>> {
    const claimed = new Set<string>();
    const add = (rows: Array<{ entity_ref: string; subject: string }>) => {
      for (const row of rows) claimed.add(`${row.entity_ref}|${row.subject}`);
    };
    const first = changes.filter(c => c.previous === null);
    for (const part of chunks(first, ROWS_PER_STATEMENT)) {
      add(
        await this.db(STATES)
          .insert(
            part.map(c => ({
              entity_ref: c.entityRef,
              subject: c.subject,
              state: c.state,
              changed_at: at,
            })),
          )
          .onConflict(['entity_ref', 'subject'])
          .ignore()
          .returning(['entity_ref', 'subject']),
      );
    }
    // one statement per move (from one state to another) and slice of subjects
    const moves = new Map<string, NotificationStateChange[]>();
    for (const change of changes) {
      if (change.previous === null) continue;
      const move = `${change.previous}\u0000${change.state}`;
      const group = moves.get(move);
      if (group) group.push(change);
      else moves.set(move, [change]);
    }
    for (const group of moves.values()) {
      const { previous, state } = group[0];
      for (const part of chunks(group, REFS_PER_QUERY / 2)) {
        add(
          await this.db(STATES)
            .whereIn(
              ['entity_ref', 'subject'],
              part.map(c => [c.entityRef, c.subject]),
            )
            .where('state', previous!)
            .update({ state, changed_at: at }, ['entity_ref', 'subject']),
        );
      }
    }
    return claimed;
  }
}
