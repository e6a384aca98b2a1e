// The raw-database baseline for ingestion: the same records, mapped to the same tables (created by
// the plugin's own migrations, so columns, keys and indexes are identical), inserted with plain
// batched knex inserts, one transaction per batch — what the database can take without our code.
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const migrations = path.join(
  root,
  'plugins/service-delivery-backend/migrations',
);

const UNIT = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
function seconds(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Math.round(value);
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(String(value).trim());
  return match ? Math.round(Number(match[1]) * UNIT[match[2]]) : null;
}
const ms = iso => (iso === null || iso === undefined ? null : Date.parse(iso));

/** Records → rows exactly as plugins/service-delivery-backend/src/database/tables.ts stores them. */
const MAPPINGS = {
  incidents: {
    table: 'sd_incidents',
    toRow: r => ({
      source: r.source,
      id: r.id,
      entity_ref: r.entityRef,
      title: r.title,
      priority: r.priority ?? null,
      impact: r.impact,
      started_at: ms(r.startedAt),
      acknowledged_at: ms(r.acknowledgedAt),
      resolved_at: ms(r.resolvedAt),
      planned: Boolean(r.planned),
      cause: r.cause ?? null,
    }),
  },
  sli: {
    table: 'sd_sli',
    toRow: r => ({
      entity_ref: r.entityRef,
      objective: r.objective,
      bucket_start: ms(r.bucketStart),
      bucket_seconds: r.bucketSeconds,
      good: r.good,
      total: r.total,
      source: r.source,
    }),
  },
  costs: {
    table: 'sd_costs',
    toRow: r => ({
      source: r.source,
      id: r.id,
      entity_ref: r.entityRef,
      period_start: r.periodStart.slice(0, 7),
      category: r.category,
      amount: r.amount,
      currency: r.currency,
    }),
  },
  capacity: {
    table: 'sd_capacity',
    toRow: r => ({
      entity_ref: r.entityRef,
      resource: r.resource,
      at: ms(r.at),
      used: r.used,
      capacity: r.capacity ?? null,
      source: r.source,
    }),
  },
  'dr-tests': {
    table: 'sd_dr_tests',
    toRow: r => ({
      source: r.source,
      id: r.id,
      entity_ref: r.entityRef,
      performed_at: ms(r.performedAt),
      result: r.result,
      achieved_rto: seconds(r.achievedRto),
      achieved_rpo: seconds(r.achievedRpo),
      notes: r.notes ?? null,
    }),
  },
};

class RawStore {
  /**
   * @param {'sqlite'|'postgres'} db
   * @param {object} [pg]  { host, port, user, database } for postgres
   */
  constructor(db, pg) {
    const knexFactory = require('knex');
    this.db = db;
    this.knex =
      db === 'sqlite'
        ? knexFactory({
            client: 'better-sqlite3',
            connection: { filename: ':memory:' },
            useNullAsDefault: true,
          })
        : knexFactory({
            client: 'pg',
            connection: pg,
            pool: { min: 1, max: 2 },
          });
    // PostgreSQL takes at most 65535 bound values in one statement; knex writes a multi-row
    // insert for SQLite as a compound SELECT, which SQLite limits to 500 terms
    this.maxValues = db === 'sqlite' ? 32000 : 65000;
    this.maxRows = db === 'sqlite' ? 500 : Infinity;
  }

  async migrate() {
    await this.knex.migrate.latest({
      directory: migrations,
      loadExtensions: ['.js'],
    });
  }

  /** Rows of one batch (mapping is done before the timer starts). */
  rows(kind, records) {
    return records.map(MAPPINGS[kind].toRow);
  }

  /** Inserts one batch in one transaction; returns the milliseconds it took. */
  async insert(kind, rows) {
    const { table } = MAPPINGS[kind];
    const perStatement = Math.max(
      1,
      Math.min(
        this.maxRows,
        Math.floor(this.maxValues / Object.keys(rows[0]).length),
      ),
    );
    const started = process.hrtime.bigint();
    await this.knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += perStatement) {
        await tx(table).insert(rows.slice(i, i + perStatement));
      }
    });
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  async count() {
    const counts = {};
    for (const [kind, { table }] of Object.entries(MAPPINGS)) {
      const [{ n }] = await this.knex(table).count({ n: '*' });
      counts[kind] = Number(n);
    }
    return counts;
  }

  /** SQLite only: the database's own size, page_count × page_size, in bytes. */
  async databaseBytes() {
    const [{ page_count: pages }] = await this.knex.raw('pragma page_count');
    const [{ page_size: size }] = await this.knex.raw('pragma page_size');
    return pages * size;
  }

  async destroy() {
    await this.knex.destroy();
  }
}

module.exports = { RawStore };
