// One database: our backend and the baseline (Backstage without our plugins) started on it, the
// catalog, the ingestion against the raw insert, then HTTP pairs, pages and memory of each.
const fs = require('fs');
const path = require('path');
const { Backend, findFreePort } = require('./backend');
const { measuredBatches, KINDS } = require('./data');
const { httpPairs, measureHttp } = require('./http');
const { ingest, rawInsert } = require('./ingestion');
const { log, seconds, progress } = require('./log');
const {
  ENTITY_TABS,
  measurePages,
  measureTabs,
  withBrowser,
} = require('./pages');
const pg = require('./pg');
const { RawStore } = require('./raw');
const report = require('./report');
const { timed } = require('./stats');

const root = path.resolve(__dirname, '..', '..');

function writeConfig(file, { port, db, prefix, token, location }) {
  const database =
    db === 'sqlite'
      ? { client: 'better-sqlite3', connection: ':memory:' }
      : { client: 'pg', prefix, connection: { ...pg.PG } };
  const config = {
    app: { baseUrl: `http://localhost:${port}` },
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      cors: { origin: `http://localhost:${port}` },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: 'bench-ingest' },
            // as app-config.yaml restricts the ingest token
            accessRestrictions: [
              {
                plugin: 'service-delivery',
                permission: ['service-delivery.data.write'],
              },
            ],
          },
        ],
      },
    },
    catalog: {
      locations: [{ type: 'file', target: location }],
      // the first pass processes every new entity at once; later passes would only add noise
      processingInterval: { minutes: 60 },
      orphanStrategy: 'keep',
    },
    serviceDeliveryDemo: { measuredData: false },
    // the benchmark reads as the guest; it reads cost like a member of finance would (the demo
    // policy otherwise lets a team read only its own entities' cost)
    permission: {
      enabled: true,
      demo: { costReaders: ['user:development/guest'] },
    },
  };
  // JSON is YAML
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

async function runDatabase(db, ctx) {
  const { options, org, probe, runDir, runId, now, tracked } = ctx;
  const out = { db };
  const prefix = `sd_bench_${runId}_`;
  const ingestToken = `bench-${runId}-${Math.random().toString(36).slice(2)}`;
  const port = await findFreePort(options.port);
  const basePort = await findFreePort(port + 1);
  const configFile = path.join(runDir, `app-config.bench.${db}.json`);
  const baseConfigFile = path.join(
    runDir,
    `app-config.bench.${db}.baseline.json`,
  );
  writeConfig(configFile, {
    port,
    db,
    prefix,
    token: ingestToken,
    location: org.file,
  });
  writeConfig(baseConfigFile, {
    port: basePort,
    db,
    prefix: `${prefix}base_`,
    token: ingestToken,
    location: org.file,
  });
  const configs = ['../../app-config.yaml'];
  const catalogTimeout = (options.quick ? 15 : 90) * 60000;
  const expected = org.entities.length + 1; // and the Location entity of the file itself
  const dataOptions = {
    entities: org.entities,
    now,
    months: options.months,
    detailRefs: ctx.detailRefs,
    detail: ctx.detail,
    coarse: ctx.coarse,
    chunkEntities: 250,
    batchSize: 5000,
  };

  log(`\n=== ${report.DB_LABEL[db]} ===`);
  const backend = new Backend({
    port,
    configs: [...configs, configFile],
    logFile: path.join(runDir, `backend.${db}.log`),
    label: `backend (${db})`,
  });
  const baseline = new Backend({
    port: basePort,
    configs: [...configs, baseConfigFile],
    logFile: path.join(runDir, `backend-baseline.${db}.log`),
    entry: '../../bench/backend-baseline.ts',
    label: `baseline backend (${db})`,
  });
  tracked.add(backend);
  tracked.add(baseline);
  let raw;
  try {
    // 1. both backends start together and ingest the same catalog side by side
    const t0 = Date.now();
    log(
      `  starting our backend on ${backend.baseUrl} (log ${path.relative(
        root,
        backend.logFile,
      )})`,
    );
    if (!options.ingestionOnly) {
      log(
        `  and the baseline — Backstage without our plugins — on ${
          baseline.baseUrl
        } (log ${path.relative(root, baseline.logFile)})`,
      );
    }
    backend.start();
    if (!options.ingestionOnly) baseline.start();
    const [token, baseToken] = await Promise.all([
      backend.waitUntilUp(),
      options.ingestionOnly ? undefined : baseline.waitUntilUp(),
    ]);
    out.upMemory = backend.memory();
    out.baselineUpMemory = options.ingestionOnly
      ? undefined
      : baseline.memory();
    const upAfter = seconds(Date.now() - t0);
    log(
      options.ingestionOnly
        ? `  up after ${upAfter}; waiting for its catalog to list ${expected} entities`
        : `  both up after ${upAfter}; waiting for their catalogs to list ${expected} entities`,
    );
    const counts = { ours: 0, baseline: 0 };
    let lastReport = 0;
    const report_ = (who, count, done) => {
      counts[who] = count;
      if (done || Date.now() - lastReport > 20000) {
        lastReport = Date.now();
        log(
          `    catalog ${done ? `(${who} all in) ` : ''}ours ${counts.ours}${
            options.ingestionOnly ? '' : `, baseline ${counts.baseline}`
          } of ${expected} (${seconds(Date.now() - t0)})`,
        );
      }
    };
    [out.catalogSeconds, out.baselineCatalogSeconds] = await Promise.all([
      backend.waitForCatalog({
        token,
        location: org.file,
        expected,
        timeoutMs: catalogTimeout,
        onProgress: (c, d) => report_('ours', c, d),
      }),
      options.ingestionOnly
        ? undefined
        : baseline.waitForCatalog({
            token: baseToken,
            location: org.file,
            expected,
            timeoutMs: catalogTimeout,
            onProgress: (c, d) => report_('baseline', c, d),
          }),
    ]);
    // on PostgreSQL the server processes of our databases count towards busy too (not the
    // baseline's, named `…base_…`, nor the raw insert's); the server's own autovacuum workers are
    // not the backend's work — the raw insert's rows are vacuumed the same way
    const ourDatabases =
      db === 'postgres'
        ? title =>
            title.includes(prefix) &&
            !title.includes(`${prefix}base_`) &&
            !title.includes(`${prefix}raw`) &&
            !title.includes('autovacuum')
        : undefined;
    const quiet = await backend.waitUntilQuiet({
      timeoutMs: 600000,
      database: ourDatabases,
    });
    out.catalogMemory = backend.memory();
    if (options.ingestionOnly) {
      log(
        `  catalog ingested in ${out.catalogSeconds.toFixed(
          1,
        )} s (since start); quiet ${quiet.seconds.toFixed(1)} s later`,
      );
    } else {
      out.baselineCatalogMemory = baseline.memory();
      log(
        `  catalogs ingested: ours in ${out.catalogSeconds.toFixed(
          1,
        )} s, baseline in ${out.baselineCatalogSeconds.toFixed(
          1,
        )} s (since start); ours quiet ${quiet.seconds.toFixed(1)} s later`,
      );
    }

    // 2. ingestion through the API
    log(
      `  ingesting the measured data through POST /ingest/* in batches of 5,000`,
    );
    const cpuBefore = backend.cpuSeconds();
    const ingestStarted = Date.now();
    const sending = await ingest({
      baseUrl: backend.baseUrl,
      ingestToken,
      batches: measuredBatches(dataOptions),
      onProgress: progress('records sent', 30000),
      retries: (out.ingestRetries = []),
      budgetMs: options.ingestMinutes * 60000,
    });
    out.api = sending.perKind;
    out.ingestStoppedEarly = sending.stoppedEarly;
    out.failedBatches = KINDS.reduce((s, k) => s + out.api[k].failed, 0);
    if (sending.stoppedEarly) {
      log(
        `  stopped sending after the ${options.ingestMinutes}-minute budget (--ingest-minutes)`,
      );
    }
    out.apiWallSeconds = (Date.now() - ingestStarted) / 1000;
    const settle = await backend.waitUntilQuiet({
      timeoutMs: options.settleSeconds * 1000,
      database: ourDatabases,
    });
    out.settleSeconds = settle.seconds;
    out.settled = settle.settled;
    out.apiBackendCpuSeconds = backend.cpuSeconds() - cpuBefore;
    const apiRecords = KINDS.reduce((s, k) => s + out.api[k].records, 0);
    const apiMs = KINDS.reduce((s, k) => s + out.api[k].ms, 0);
    out.apiRate = apiRecords / (apiMs / 1000);
    out.records = Object.fromEntries(KINDS.map(k => [k, out.api[k].records]));
    log(
      `  ingested ${apiRecords.toLocaleString('en-US')} records: ${Math.round(
        out.apiRate,
      )} rec/s in requests ` +
        `(${seconds(apiMs)} of ${seconds(out.apiWallSeconds * 1000)} wall); ` +
        `${settle.settled ? 'quiet' : 'STILL BUSY'} ${out.settleSeconds.toFixed(
          1,
        )} s later; ` +
        `backend CPU ${out.apiBackendCpuSeconds.toFixed(1)} s`,
    );

    // 3. the same rows, raw
    if (db === 'sqlite') {
      raw = new RawStore('sqlite');
    } else {
      await pg.createDatabase(`${prefix}raw`);
      raw = new RawStore('postgres', { ...pg.PG, database: `${prefix}raw` });
    }
    await raw.migrate();
    log(
      `  inserting the same rows with raw batched knex inserts (${
        db === 'sqlite' ? 'SQLite in memory' : `${prefix}raw`
      })`,
    );
    out.raw = await rawInsert({
      raw,
      batches: measuredBatches(dataOptions),
      onProgress: progress('rows inserted', 30000),
      limit: sending.sentBatches,
    });
    const rawMs = KINDS.reduce((s, k) => s + out.raw[k].ms, 0);
    out.rawRate =
      KINDS.reduce((s, k) => s + out.raw[k].records, 0) / (rawMs / 1000);
    out.rawCounts = await raw.count();
    // the same rows in the same tables: what our backend's in-memory SQLite holds of its RSS
    if (db === 'sqlite') out.sqliteBytes = await raw.databaseBytes();
    await raw.destroy();
    raw = undefined;
    log(`  raw: ${Math.round(out.rawRate)} rec/s (${seconds(rawMs)})`);
    if (options.ingestionOnly) {
      await backend.stop();
      return out;
    }

    // 4. HTTP: ours against the catalog's, on our backend
    const pairs = httpPairs(probe);
    log(
      `  HTTP: ${options.warmup} warm-up + up to ${options.reps} measured rounds of ${pairs.length} pairs`,
    );
    out.http = await measureHttp(backend.baseUrl, token, pairs, options);
    out.httpPairs = pairs.map(({ id, name, goal, ours, theirs }) => ({
      id,
      name,
      goal,
      ours: ours.path,
      theirs: theirs.path,
    }));
    const overview = await timed(
      `${backend.baseUrl}/api/service-delivery/v1/overview?limit=1`,
      { token, json: true },
    );
    out.overviewTotal = overview.body?.total;

    // 5. pages in Chromium
    log(
      `  pages: ${options.pageWarmup} warm-up + up to ${options.pageReps} measured loads of /catalog and /service-delivery`,
    );
    out.pages = await withBrowser(tracked, async browser => {
      const pages = await measurePages(browser, backend.baseUrl, {
        reps: options.pageReps,
        warmup: options.pageWarmup,
        capMs: options.pageCapSeconds * 1000,
      });
      if (!pages.overviewMissing) {
        log(
          `  tabs: ${options.pageWarmup} warm-up + up to ${
            options.pageReps
          } measured loads of ${ENTITY_TABS.join(
            ', ',
          )} and the portfolio, against the entity and group pages' Overview tabs`,
        );
        pages.tabs = await measureTabs(browser, backend.baseUrl, probe, {
          reps: options.pageReps,
          warmup: options.pageWarmup,
          capMs: options.pageCapSeconds * 1000,
        });
      }
      return pages;
    });

    out.memory = await backend.settledMemory();
    log(
      `  our backend's RSS ${report.fmtMb(out.memory.rss)} (peak ${report.fmtMb(
        out.memory.peak,
      )}; ${JSON.stringify(out.memory.map)})${memoryNotes(out.memory)}`,
    );
    if (db === 'postgres') out.databaseBytes = await pg.databaseSize(prefix);
    if (raw) await raw.destroy();
    raw = undefined;
    await backend.stop();

    // 6. the baseline: the same catalog requests and page loads, then its memory
    await baseline.waitUntilQuiet({ timeoutMs: 120000 });
    log(`  baseline: the same catalog requests and /catalog page loads`);
    const basePairs = httpPairs(probe).map(pair => ({
      ...pair,
      ours: pair.theirs,
    }));
    out.baselineHttp = await measureHttp(
      baseline.baseUrl,
      baseToken,
      basePairs,
      options,
    );
    out.baselinePages = await withBrowser(tracked, browser =>
      measurePages(browser, baseline.baseUrl, {
        reps: options.pageReps,
        warmup: options.pageWarmup,
        capMs: options.pageCapSeconds * 1000,
        overview: false,
      }),
    );
    out.baselineMemory = await baseline.settledMemory();
    log(
      `  baseline RSS ${report.fmtMb(
        out.baselineMemory.rss,
      )} (peak ${report.fmtMb(out.baselineMemory.peak)}; ${JSON.stringify(
        out.baselineMemory.map,
      )})${memoryNotes(out.baselineMemory)}`,
    );
  } finally {
    if (raw) await raw.destroy().catch(() => {});
    await backend.stop();
    await baseline.stop();
    tracked.delete(backend);
    tracked.delete(baseline);
  }
  return out;
}

/**
 * For the log: the pages of the backend's in-memory databases, and (BENCH_MALLOC_TRIM) its resident
 * memory once glibc gave back what it could.
 */
function memoryNotes(memory) {
  const notes = [];
  if (memory.sqliteBytes) {
    notes.push(`in-memory databases ${report.fmtMb(memory.sqliteBytes)}`);
  }
  const trimmed = memory.afterTrim;
  if (trimmed?.error) notes.push(`malloc_trim: ${trimmed.error}`);
  else if (trimmed) {
    notes.push(
      `after malloc_trim(0) ${report.fmtMb(trimmed.rss)} (${JSON.stringify(
        trimmed.map,
      )})`,
    );
  }
  return notes.map(note => `; ${note}`).join('');
}

module.exports = { runDatabase };
