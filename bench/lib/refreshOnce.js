// One full recomputation of the overview, in this process, for `yarn bench --scaling`: the
// generated organisation's measured data ingested into a real database through the plugin's own
// store, then the plugin's own OverviewRefresher over a catalog snapshot of the generated entities
// (served from memory instead of through the catalog's HTTP API, which the full bench measures).
// Prints one JSON line: the refresh's wall and CPU time, and the process's memory afterwards.
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '..', '..');
const { generators, measuredBatches, refOf } = require('./data');
const pg = require('./pg');
const { memoryMap } = require('./memoryMap');

// BENCH_MEMORY_MAP=1: the process's memory after each phase (ingestion, refreshes), by kind
const phases = [];
let pagesOf = async () => 0;
async function phase(name) {
  if (!process.env.BENCH_MEMORY_MAP) return;
  const databaseMB = Math.round((await pagesOf()) / 2 ** 20);
  const before = process.memoryUsage();
  global.gc?.();
  const after = process.memoryUsage();
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(status)[1]) / 1024;
  const mb = v => Math.round(v / 2 ** 20);
  const v8 = require('v8').getHeapStatistics();
  phases.push({
    name,
    databaseMB,
    rssMB: mb(after.rss),
    peakMB: Math.round(hwm),
    heapUsedBeforeGcMB: mb(before.heapUsed),
    heapUsedMB: mb(after.heapUsed),
    heapTotalMB: mb(after.heapTotal),
    externalMB: mb(after.external),
    arrayBuffersMB: mb(after.arrayBuffers),
    v8PhysicalMB: mb(v8.total_physical_size),
    v8MallocedMB: mb(v8.malloced_memory),
    v8PeakMallocedMB: mb(v8.peak_malloced_memory),
    ...memoryMap(),
  });
}

async function main() {
  const [services, db] = [Number(process.argv[2]), process.argv[3]];
  const months = Number(process.argv[4] ?? 13);
  generators();
  const yaml = require('yaml');
  const knexFactory = require('knex');
  const { ConfigReader } = require('@backstage/config');
  const { readServiceDeliverySettings } = require(path.join(
    root,
    'plugins/service-delivery-node/src',
  ));
  const { validateRecords } = require(path.join(
    root,
    'plugins/service-delivery-common/src',
  ));
  const { DatabaseServiceDeliveryStore } = require(path.join(
    root,
    'plugins/service-delivery-backend/src/database/DatabaseServiceDeliveryStore',
  ));
  const { DatabaseOverviewStore } = require(path.join(
    root,
    'plugins/service-delivery-backend/src/database/DatabaseOverviewStore',
  ));
  const { OverviewRefresher } = require(path.join(
    root,
    'plugins/service-delivery-backend/src/overview/OverviewRefresher',
  ));

  let knex;
  let dropName;
  if (db === 'postgres') {
    dropName = `sd_bench_scaling_${Date.now()}`;
    await pg.createDatabase(dropName);
    knex = knexFactory({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: dropName,
      },
      pool: { min: 0, max: 5 },
    });
  } else {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
  }
  if (db !== 'postgres') {
    pagesOf = async () => {
      const [{ page_count: pages }] = await knex.raw('pragma page_count');
      const [{ page_size: size }] = await knex.raw('pragma page_size');
      return pages * size;
    };
  }
  try {
    const database = { getClient: async () => knex };
    const store = await DatabaseServiceDeliveryStore.create({ database });
    const overviewStore = await DatabaseOverviewStore.create({ database });
    const config = yaml.parse(
      fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    );
    const settings = readServiceDeliverySettings(new ConfigReader(config));

    const { generateOrganisation } = generators();
    const entities = generateOrganisation({ services, seed: 1 }).map(e => ({
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
    }));
    const now = new Date();
    let records = 0;
    // the store's own share of the ingestion (validation and generation excluded)
    let ingestSeconds = 0;
    for (const { kind, records: batch } of measuredBatches({
      entities,
      now,
      months,
      detailRefs: new Set(),
      detail: { hourlyDays: 2, sliBucketDays: 1, capacityEveryDays: 1 },
      coarse: { hourlyDays: 1, sliBucketDays: 7, capacityEveryDays: 7 },
      chunkEntities: 200,
    })) {
      const result = validateRecords(kind, batch);
      if (result.problems.length > 0) {
        throw new Error(JSON.stringify(result.problems.slice(0, 3)));
      }
      const ingestBegan = process.hrtime.bigint();
      await store.ingest(kind, result.records);
      ingestSeconds += Number(process.hrtime.bigint() - ingestBegan) / 1e9;
      records += result.records.length;
    }

    await phase('after ingestion');
    const catalog = {
      async queryEntities(request) {
        const offset = request.cursor ? Number(request.cursor) : 0;
        const limit = request.limit ?? 500;
        const items = entities.slice(offset, offset + limit);
        const next = offset + limit;
        return {
          items,
          totalItems: entities.length,
          pageInfo: next < entities.length ? { nextCursor: String(next) } : {},
        };
      },
    };
    const logger = {
      info() {},
      warn: m => process.stderr.write(`${m}\n`),
      error: m => process.stderr.write(`${m}\n`),
      debug() {},
      child() {
        return logger;
      },
    };
    const refresher = new OverviewRefresher({
      catalog,
      auth: { getOwnServiceCredentials: async () => ({}) },
      store,
      overviewStore,
      settings,
      logger,
      // as the plugin sets it for its default schedule (every 10 minutes)
      reuseRowsForMs: 5 * 60_000,
      // as the plugin does: PostgreSQL's statistics of the tables just written, before the reads
      refreshStatistics: () => store.analyzeWrittenTables(),
    });
    global.gc?.();
    await phase('before refresh');
    const profile = await startProfile();
    const cpuBefore = process.cpuUsage();
    const began = process.hrtime.bigint();
    const { rows } = await refresher.refreshAll();
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    await profile?.stop(`refresh-${services}-${db}`);
    await phase('after full refresh');
    // the incremental refresh an ingest of one shared platform's incidents triggers
    const platform = entities.find(e => e.spec?.type === 'kubernetes-cluster');
    const incrementalProfile = await startProfile();
    const incBegan = process.hrtime.bigint();
    const incremental = await refresher.refreshEntities([refOf(platform)]);
    const incrementalSeconds = Number(process.hrtime.bigint() - incBegan) / 1e9;
    await incrementalProfile?.stop(`incremental-${services}-${db}`);
    // the scheduled full refresh falling due just after: it keeps the rows computed moments ago
    const schedBegan = process.hrtime.bigint();
    const scheduled = await refresher.refreshAll();
    const scheduledSeconds = Number(process.hrtime.bigint() - schedBegan) / 1e9;
    await phase('after incremental and scheduled refresh');
    global.gc?.();
    const memory = process.memoryUsage();
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      // BENCH_HEAP_SNAPSHOT=<dir>: what the process holds after the refreshes
      fs.mkdirSync(process.env.BENCH_HEAP_SNAPSHOT, { recursive: true });
      require('v8').writeHeapSnapshot(
        path.join(
          process.env.BENCH_HEAP_SNAPSHOT,
          `refresh-${services}-${db}.heapsnapshot`,
        ),
      );
    }
    const databaseBytes = await pagesOf();
    // BENCH_MEMORY_MAP: the pages of each table and index (SQLite's dbstat)
    const tablesMB =
      process.env.BENCH_MEMORY_MAP && db !== 'postgres'
        ? Object.fromEntries(
            (
              await knex.raw(
                'select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc limit 12',
              )
            ).map(({ name, bytes }) => [name, Math.round(bytes / 2 ** 20)]),
          )
        : undefined;
    process.stdout.write(
      `${JSON.stringify({
        services,
        db,
        entities: entities.length,
        records,
        ingestSeconds,
        rows,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        incrementalSeconds,
        incrementalRows: incremental.rows,
        scheduledSeconds,
        scheduledRows: scheduled.rows,
        rssMB: memory.rss / 2 ** 20,
        heapMB: memory.heapUsed / 2 ** 20,
        heapTotalMB: memory.heapTotal / 2 ** 20,
        externalMB: memory.external / 2 ** 20,
        databaseMB: databaseBytes / 2 ** 20,
        ...(phases.length > 0 ? { phases, tablesMB } : {}),
      })}\n`,
    );
    if (process.env.BENCH_MEMORY_HOLD) {
      // BENCH_MEMORY_HOLD=<seconds>: the process waits, its data loaded, for a native tool to look
      process.stderr.write(`holding pid ${process.pid}\n`);
      await new Promise(r =>
        setTimeout(r, Number(process.env.BENCH_MEMORY_HOLD) * 1000),
      );
    }
  } finally {
    await knex.destroy();
    if (dropName) await pg.dropDatabases(dropName);
  }
}

/**
 * With BENCH_CPU_PROF=<dir>: a CPU profile of the full recomputation alone; with
 * BENCH_ALLOCATION_PROF=<dir>: a sampling profile of what it allocates, the garbage included
 * (.heapprofile, opened by Chrome DevTools' Memory tab).
 */
async function startProfile() {
  if (process.env.BENCH_ALLOCATION_PROF) {
    return profileWith({
      dir: process.env.BENCH_ALLOCATION_PROF,
      domain: 'HeapProfiler',
      start: [
        'HeapProfiler.startSampling',
        {
          samplingInterval: 256 * 1024,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        },
      ],
      stop: 'HeapProfiler.stopSampling',
      extension: 'heapprofile',
    });
  }
  if (!process.env.BENCH_CPU_PROF) return undefined;
  return profileWith({
    dir: process.env.BENCH_CPU_PROF,
    domain: 'Profiler',
    start: ['Profiler.start'],
    stop: 'Profiler.stop',
    extension: 'cpuprofile',
  });
}

/** An inspector session that profiles from now until `stop(name)` writes `<dir>/<name>.<extension>`. */
async function profileWith({ dir, domain, start, stop, extension }) {
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post(`${domain}.enable`);
  await post(...start);
  return {
    async stop(name) {
      const { profile } = await post(stop);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, `${name}.${extension}`),
        JSON.stringify(profile),
      );
      session.disconnect();
    },
  };
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
