#!/usr/bin/env node
// `yarn bench`: Service Delivery for Backstage against Backstage's own catalog and the raw
// database, in one run, on SQLite and PostgreSQL. See bench/README.md.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { Backend, findFreePort, sleep } = require('./lib/backend');
const { Browser } = require('./lib/browser');
const {
  writeOrganisation,
  probeService,
  measuredBatches,
  ownedRefs,
  KINDS,
} = require('./lib/data');
const { RawStore } = require('./lib/raw');
const pg = require('./lib/pg');
const { median, timed } = require('./lib/stats');
const report = require('./lib/report');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(__dirname, 'results');

const usage = `Usage: yarn bench [options]   (or: node bench/run.js [options])

  --services N         services in the generated organisation (default 10000)
  --db D               sqlite | postgres | both (default both)
  --quick              smoke test: 500 services, fewer repetitions
  --reps N             measured repetitions of each HTTP request (default 15, quick 5)
  --page-reps N        measured page loads of each page (default 5, quick 2)
  --months N           months of measured data (default 13)
  --hourly-days N      the measured service's team: days of hourly SLI buckets, daily before
                       (default 2); everybody else: 1 day
  --sli-bucket-days N  everybody else: daily SLI buckets summed into N-day buckets (default 7)
  --capacity-every N   everybody else: one capacity sample every N days (default 7)
  --full-detail        everybody at the measured team's detail (about 4× the records)
  --ingest-minutes N   stop sending measured data after N minutes (default 8); the rest is
                       not sent, the table says how much was
  --settle-seconds N   how long to wait at most for the backend to finish its work after the
                       ingestion (default 300)
  --build              always build the frontend first
  --no-build           never build it (use packages/app/dist as it is)
  --port N             first port to try for the backends (default 7010)
  --ingestion-only     only our backend, its catalog and the ingestion against the raw insert
                       (no baseline, requests or pages): the ingestion figure in minutes
  --scaling N,N,…      instead of the comparison: one full recomputation of the overview at
                       each size (in-process, real database, the plugin's own refresher), its
                       time and memory and their growth per doubling
  -h, --help           this text

PostgreSQL: 127.0.0.1:5432, user postgres, trust auth. Each run creates its own databases
(sd_bench_<timestamp>_*) and drops them at the end. Results: bench/results/latest.md and
bench/results/<timestamp>/ (logs, results.json).`;

function parseArgs(argv) {
  const options = {
    services: 10000,
    db: 'both',
    quick: false,
    build: 'auto',
    port: 7010,
    months: 13,
    hourlyDays: 2,
    sliBucketDays: 7,
    capacityEvery: 7,
    fullDetail: false,
    settleSeconds: 300,
    ingestMinutes: 8,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${arg} needs a whole number ≥ 1`);
      return n;
    };
    switch (arg) {
      case '--services':
        options.services = number();
        options.servicesGiven = true;
        break;
      case '--db':
        options.db = value();
        if (!['sqlite', 'postgres', 'both'].includes(options.db)) {
          throw new Error('--db is sqlite, postgres or both');
        }
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--reps':
        options.reps = number();
        break;
      case '--page-reps':
        options.pageReps = number();
        break;
      case '--months':
        options.months = number();
        break;
      case '--hourly-days':
        options.hourlyDays = number();
        break;
      case '--capacity-every':
        options.capacityEvery = number();
        break;
      case '--sli-bucket-days':
        options.sliBucketDays = number();
        break;
      case '--full-detail':
        options.fullDetail = true;
        break;
      case '--ingest-minutes':
        options.ingestMinutes = number();
        break;
      case '--settle-seconds':
        options.settleSeconds = number();
        break;
      case '--build':
        options.build = 'always';
        break;
      case '--ingestion-only':
        options.ingestionOnly = true;
        break;
      case '--no-build':
        options.build = 'never';
        break;
      case '--port':
        options.port = number();
        break;
      case '--scaling':
        options.scaling = value()
          .split(',')
          .map(n => {
            const size = Number(n);
            if (!Number.isInteger(size) || size < 1) {
              throw new Error(
                `--scaling takes sizes such as 1000,2500,5000,10000`,
              );
            }
            return size;
          });
        break;
      case '-h':
      case '--help':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${usage}`);
    }
  }
  if (options.quick && !options.servicesGiven) options.services = 500;
  options.reps ??= options.quick ? 5 : 15;
  options.warmup = options.quick ? 2 : 3;
  options.pageReps ??= options.quick ? 2 : 5;
  options.pageWarmup = 1;
  options.pairCapSeconds = options.quick ? 20 : 90;
  options.pageCapSeconds = options.quick ? 60 : 180;
  options.dbs = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  return options;
}

const log = (...args) => console.log(...args);
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\..*/, '')
    .replace('T', '_');

// ---------------------------------------------------------------------------------------------
// the frontend

const appDist = path.join(root, 'packages/app/dist/index.html');
const appInputs = [
  'packages/app/src',
  'packages/app/package.json',
  'plugins/service-delivery/src',
  'plugins/service-delivery-common/src',
  'yarn.lock',
];

function newestMtime(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...fs.readdirSync(file).map(entry => newestMtime(path.join(file, entry))),
  );
}

function buildReason() {
  if (!fs.existsSync(appDist)) return 'packages/app/dist does not exist';
  const built = fs.statSync(appDist).mtimeMs;
  const stale = appInputs.find(
    input => newestMtime(path.join(root, input)) > built,
  );
  return stale ? `${stale} is newer than packages/app/dist` : undefined;
}

function buildApp(logFile) {
  const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
  const out = fs.openSync(logFile, 'w');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [yarn, 'workspace', 'app', 'build'], {
      cwd: root,
      stdio: ['ignore', out, out],
      env: process.env,
    });
    child.on('error', reject);
    child.on('exit', code => {
      fs.closeSync(out);
      if (code === 0) resolve((Date.now() - started) / 1000);
      else
        reject(
          new Error(
            `yarn workspace app build failed (exit ${code}); log ${logFile}`,
          ),
        );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// configs

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

// ---------------------------------------------------------------------------------------------
// one database: our backend, then the baseline

function httpPairs(probe) {
  const byName = `/api/catalog/entities/by-name/${probe.kind}/${probe.namespace}/${probe.name}`;
  const entityBase = `/api/service-delivery/v1/entities/${probe.kind}/${probe.namespace}/${probe.name}`;
  const kinds = { kind: { $in: ['component', 'system', 'resource'] } };
  const catalogQuery = query => ({
    method: 'POST',
    path: '/api/catalog/entities/by-query',
    body: JSON.stringify({
      query,
      limit: 50,
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
    }),
  });
  const pairs = [
    {
      id: 'overview',
      name: 'Overview API, first 50 rows',
      goal: { kind: 'max', value: 1, text: '≤ 1.0×' },
      ours: { path: '/api/service-delivery/v1/overview?limit=50' },
      theirs: catalogQuery(kinds),
    },
    {
      id: 'overview-owner',
      name: `Overview API, owner filter (${probe.owner.replace(
        'group:default/',
        '',
      )})`,
      goal: { kind: 'max', value: 1, text: '≤ 1.0×' },
      ours: {
        path: `/api/service-delivery/v1/overview?limit=50&owner=${encodeURIComponent(
          probe.owner,
        )}`,
      },
      theirs: catalogQuery({ ...kinds, 'relations.ownedBy': probe.owner }),
    },
  ];
  for (const route of [
    'sla',
    'availability',
    'cost',
    'capacity',
    'continuity',
    'impact',
  ]) {
    pairs.push({
      id: route,
      name: `One service: /${route} vs by-name`,
      goal: { kind: 'max', value: 3, text: '≤ 3×' },
      ours: { path: `${entityBase}/${route}` },
      theirs: { path: byName },
    });
  }
  return pairs;
}

async function measureHttp(
  baseUrl,
  token,
  pairs,
  { reps, warmup, pairCapSeconds },
) {
  const results = Object.fromEntries(
    pairs.map(p => [p.id, { ours: [], theirs: [], status: {}, measuredMs: 0 }]),
  );
  const request = async (pair, side) => {
    const spec = pair[side];
    const res = await timed(`${baseUrl}${spec.path}`, {
      method: spec.method,
      token,
      body: spec.body,
    });
    const entry = results[pair.id];
    entry.status[side] = res.status;
    entry[`${side}Bytes`] = res.bytes;
    if (res.status !== 200) {
      entry[`${side}Error`] = `${res.status} ${res.text.slice(0, 200)}`;
    }
    return res;
  };
  for (let rep = -warmup; rep < reps; rep++) {
    for (const pair of pairs) {
      const entry = results[pair.id];
      if (entry.status.ours === 404) continue; // not built (yet): n/a
      // a slow pair stops after 5 measured rounds once it has used its time
      if (rep >= 5 && entry.measuredMs > pairCapSeconds * 1000) continue;
      const order = rep % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
      for (const side of order) {
        const res = await request(pair, side);
        if (rep >= 0 && res.status === 200) {
          entry[side].push(res.ms);
          entry.measuredMs += res.ms;
        }
      }
    }
  }
  return results;
}

async function measurePages(
  browser,
  baseUrl,
  { reps, warmup, capMs, overview = true },
) {
  const pages = {
    catalog: `${baseUrl}/catalog`,
    overview: `${baseUrl}/service-delivery`,
  };
  const result = {
    catalog: [],
    overview: [],
    overviewMissing: false,
    errors: {},
  };
  try {
    await browser.signIn(baseUrl);
  } catch (error) {
    // a backend too busy to serve the app leaves this row without figures, not the run
    const message = `sign-in: ${error.message.split('\n')[0]}`;
    result.errors = { catalog: message, overview: message };
    result.overviewMissing = true;
    return result;
  }
  const started = Date.now();
  for (let rep = -warmup; rep < reps; rep++) {
    // slow pages stop after 3 measured loads once they have used their time
    if (rep >= 3 && Date.now() - started > capMs) break;
    const order =
      rep % 2 === 0 ? ['overview', 'catalog'] : ['catalog', 'overview'];
    for (const page of order) {
      if (page === 'overview' && (!overview || result.overviewMissing))
        continue;
      try {
        const { ms, missing } = await browser.tti(pages[page]);
        if (missing) result.overviewMissing = page === 'overview';
        else if (rep >= 0) result[page].push(ms);
      } catch (error) {
        result.errors[page] = error.message.split('\n')[0];
        if (page === 'overview') result.overviewMissing = true;
      }
    }
  }
  return result;
}

/** Our entity tabs, each timed against the entity page's own Overview tab of the same entity. */
const ENTITY_TABS = ['sla', 'availability', 'cost', 'capacity', 'continuity'];

/**
 * Times an entity page's tabs in Chromium (navigation start → content shown, see
 * Browser.contentShown): our tabs of the probe service and its page's Overview tab, and the
 * portfolio tab of its owning group and that group page's Overview tab. Signed in already.
 */
async function measureTabs(browser, baseUrl, probe, { reps, warmup, capMs }) {
  const entityUrl = `${baseUrl}/catalog/${probe.namespace}/${probe.kind}/${probe.name}`;
  const groupUrl = `${baseUrl}/catalog/default/group/${probe.owner.replace(
    'group:default/',
    '',
  )}`;
  const pages = {
    entityOverview: entityUrl,
    ...Object.fromEntries(ENTITY_TABS.map(tab => [tab, `${entityUrl}/${tab}`])),
    groupOverview: groupUrl,
    portfolio: `${groupUrl}/service-delivery`,
  };
  const result = Object.fromEntries(Object.keys(pages).map(id => [id, []]));
  result.errors = {};
  const started = Date.now();
  for (let rep = -warmup; rep < reps; rep++) {
    if (rep >= 3 && Date.now() - started > capMs) break;
    const ids = Object.keys(pages);
    // a different page first each time, so that no page always meets a cold cache
    const offset = (rep + warmup) % ids.length;
    for (const id of [...ids.slice(offset), ...ids.slice(0, offset)]) {
      if (result.errors[id]) continue;
      try {
        const { ms, missing } = await browser.contentShown(pages[id]);
        if (missing) result.errors[id] = 'page not found';
        else if (rep >= 0) result[id].push(ms);
      } catch (error) {
        result.errors[id] = error.message.split('\n')[0];
      }
    }
  }
  return result;
}

/**
 * Sends the batches one request at a time. A batch that fails — a dropped connection, or an error
 * status such as the 401 a timed-out token verification gives — is sent again (batches are upserts
 * by key, all or nothing, so this is safe), up to 3 times; every failure is recorded and the batch is
 * timed from its first attempt. Stops after `budgetMs` (the rest is not sent; the result says so).
 */
async function ingest({
  baseUrl,
  ingestToken,
  batches,
  onProgress,
  retries,
  budgetMs,
}) {
  const perKind = Object.fromEntries(
    KINDS.map(k => [k, { records: 0, ms: 0, batches: 0, failed: 0 }]),
  );
  const started = Date.now();
  let total = 0;
  let sent = 0;
  let stoppedEarly = false;
  for (const { kind, records } of batches) {
    if (Date.now() - started > budgetMs) {
      stoppedEarly = true;
      break;
    }
    const body = JSON.stringify(records);
    const url = `${baseUrl}/api/service-delivery/v1/ingest/${kind}`;
    const attemptStarted = process.hrtime.bigint();
    let res;
    for (let attempt = 1; attempt <= 3; attempt++) {
      let problem;
      try {
        res = await timed(url, { method: 'POST', token: ingestToken, body });
        if (res.status === 200) break;
        problem = `answered ${res.status} ${res.text
          .replace(/\s+/g, ' ')
          .slice(0, 160)}`;
      } catch (error) {
        problem = `failed: ${error.message}${
          error.cause ? ` (${error.cause.code || error.cause.message})` : ''
        }`;
        res = undefined;
      }
      const at = `${seconds(Date.now() - started)} into the ingestion`;
      log(
        `    POST /ingest/${kind} (${records.length} records) ${problem}; attempt ${attempt}, ${at}`,
      );
      retries.push(`${kind} ${problem} (attempt ${attempt}, ${at})`);
      await sleep(2000);
    }
    sent += 1;
    const ms = Number(process.hrtime.bigint() - attemptStarted) / 1e6;
    if (!res || res.status !== 200) {
      perKind[kind].failed += 1;
      continue;
    }
    perKind[kind].records += records.length;
    perKind[kind].ms += ms;
    perKind[kind].batches += 1;
    total += records.length;
    onProgress(total);
  }
  return { perKind, sentBatches: sent, stoppedEarly };
}

async function rawInsert({ raw, batches, onProgress, limit }) {
  const perKind = Object.fromEntries(
    KINDS.map(k => [k, { records: 0, ms: 0, batches: 0 }]),
  );
  let total = 0;
  let count = 0;
  for (const { kind, records } of batches) {
    if (count++ >= limit) break; // the batches the API was sent
    const rows = raw.rows(kind, records);
    const ms = await raw.insert(kind, rows);
    perKind[kind].records += records.length;
    perKind[kind].ms += ms;
    perKind[kind].batches += 1;
    total += records.length;
    onProgress(total);
  }
  return perKind;
}

function progress(label, every = 15000) {
  let last = Date.now();
  return (count, force) => {
    if (force || Date.now() - last > every) {
      last = Date.now();
      log(`    ${label}: ${count.toLocaleString('en-US')}`);
    }
  };
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
    log(
      `  and the baseline — Backstage without our plugins — on ${
        baseline.baseUrl
      } (log ${path.relative(root, baseline.logFile)})`,
    );
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
    log(
      `  both up after ${seconds(
        Date.now() - t0,
      )}; waiting for their catalogs to list ${expected} entities`,
    );
    const counts = { ours: 0, baseline: 0 };
    let lastReport = 0;
    const report_ = (who, count, done) => {
      counts[who] = count;
      if (done || Date.now() - lastReport > 20000) {
        lastReport = Date.now();
        log(
          `    catalog ${done ? `(${who} all in) ` : ''}ours ${
            counts.ours
          }, baseline ${counts.baseline} of ${expected} (${seconds(
            Date.now() - t0,
          )})`,
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
    const quiet = await backend.waitUntilQuiet({ timeoutMs: 600000 });
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
      )})`,
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
      )} (peak ${report.fmtMb(out.baselineMemory.peak)})`,
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

async function withBrowser(tracked, fn) {
  const browser = await Browser.launch();
  tracked.add(browser);
  try {
    return await fn(browser);
  } finally {
    await browser.close();
    tracked.delete(browser);
  }
}

// ---------------------------------------------------------------------------------------------
// the table

function measuresOf(results, dbs) {
  const measures = [];
  const cellsFor = fn =>
    Object.fromEntries(
      dbs.filter(db => results[db]).map(db => [db, fn(results[db])]),
    );

  measures.push({
    name: 'Catalog ingestion, start → all entities listed (both backends started together)',
    format: report.fmtS,
    byDb: cellsFor(r => ({
      ours: r.catalogSeconds,
      theirs: r.baselineCatalogSeconds,
    })),
  });
  const first = Object.values(results)[0];
  for (const pair of first.httpPairs) {
    measures.push({
      name: pair.name,
      goal: pair.goal,
      format: report.fmtMs,
      byDb: cellsFor(r => {
        const entry = r.http[pair.id];
        const theirs = median(entry.theirs);
        if (entry.status.ours === 404)
          return { na: 'n/a (not built yet)', theirs };
        if (entry.status.ours !== 200)
          return { na: `error ${entry.status.ours}`, theirs };
        return { ours: median(entry.ours), theirs };
      }),
    });
  }
  measures.push({
    name: 'Ingestion throughput (API vs raw knex insert)',
    goal: { kind: 'min', value: 0.5, text: '≥ 50 %' },
    format: report.fmtRate,
    byDb: cellsFor(r => ({ ours: r.apiRate, theirs: r.rawRate })),
  });
  measures.push({
    name: 'Page TTI: /service-delivery vs /catalog',
    goal: { kind: 'max', value: 1.0, text: '≤ 1.0×' },
    format: report.fmtMs,
    byDb: cellsFor(r => {
      const theirs = median(r.pages.catalog);
      if (r.pages.overviewMissing || r.pages.overview.length === 0) {
        return {
          na: r.pages.errors.overview ? 'n/a (error)' : 'n/a (not built yet)',
          theirs,
        };
      }
      return { ours: median(r.pages.overview), theirs };
    }),
  });
  const tabPairs = [
    ...ENTITY_TABS.map(tab => [tab, 'entityOverview', `/${tab}`, 'Overview']),
    [
      'portfolio',
      'groupOverview',
      "the group's portfolio",
      "the group's Overview",
    ],
  ];
  for (const [ours, theirs, label, against] of tabPairs) {
    measures.push({
      name: `Tab content shown: ${label} vs ${against} tab`,
      goal: { kind: 'max', value: 1.0, text: '≤ 1.0×' },
      format: report.fmtMs,
      byDb: cellsFor(r => {
        const tabs = r.pages.tabs;
        if (!tabs || tabs[ours].length === 0 || tabs[theirs].length === 0) {
          return {
            na: `n/a (${
              tabs?.errors[ours] ?? tabs?.errors[theirs] ?? 'not measured'
            })`,
            theirs: tabs ? median(tabs[theirs]) : undefined,
          };
        }
        return { ours: median(tabs[ours]), theirs: median(tabs[theirs]) };
      }),
    });
  }
  measures.push({
    name: 'Backend RSS after load (vs without our plugins)',
    goal: { kind: 'max', value: 1.3, text: '≤ 1.3×' },
    format: report.fmtMb,
    byDb: cellsFor(r => ({ ours: r.memory.rss, theirs: r.baselineMemory.rss })),
  });
  if (dbs.includes('sqlite')) {
    measures.push({
      name: 'Backend RSS less the SQLite pages of its data (page_count × page_size)',
      goal: { kind: 'max', value: 1.3, text: '≤ 1.3×' },
      format: report.fmtMb,
      byDb: cellsFor(r =>
        r.sqliteBytes === undefined
          ? { na: 'n/a (in PostgreSQL)', theirs: r.baselineMemory.rss }
          : {
              ours: r.memory.rss - r.sqliteBytes,
              theirs: r.baselineMemory.rss,
            },
      ),
    });
  }
  return measures;
}

/** --ingestion-only: the ingestion against the raw insert, in all and per kind. */
function ingestionLine(r) {
  const rate = (n, ms) =>
    ms > 0 ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : '—';
  const records = KINDS.reduce((s, k) => s + r.api[k].records, 0);
  const kinds = KINDS.map(
    k =>
      `${k} ${r.api[k].records.toLocaleString('en-US')}: API ${rate(
        r.api[k].records,
        r.api[k].ms,
      )}/s, raw ${rate(r.raw[k].records, r.raw[k].ms)}/s`,
  );
  return (
    `${report.DB_LABEL[r.db]}: ${records.toLocaleString(
      'en-US',
    )} records, API ${Math.round(r.apiRate).toLocaleString(
      'en-US',
    )} rec/s, raw ${Math.round(r.rawRate).toLocaleString('en-US')} rec/s: ` +
    `${Math.round(
      (100 * r.apiRate) / r.rawRate,
    )} % of the raw insert; backend CPU ` +
    `${r.apiBackendCpuSeconds.toFixed(1)} s, quiet ${r.settleSeconds.toFixed(
      1,
    )} s after the last batch\n  ${kinds.join('\n  ')}`
  );
}

function details(results, dbs) {
  const lines = [];
  for (const db of dbs) {
    const r = results[db];
    if (!r) continue;
    const kinds = KINDS.map(k => {
      const api = r.api[k];
      const raw = r.raw[k];
      const rate = (n, ms) =>
        ms > 0 ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : '—';
      return `${k} ${api.records.toLocaleString('en-US')} (API ${rate(
        api.records,
        api.ms,
      )}/s, raw ${rate(raw.records, raw.ms)}/s)`;
    });
    lines.push(
      `- ${report.DB_LABEL[db]}: **quiet ${r.settleSeconds.toFixed(
        1,
      )} s after the last ingest batch** (goal ≤ 60 s: ${
        r.settled && r.settleSeconds <= 60 ? 'met' : 'MISSED'
      })${
        r.sqliteBytes === undefined
          ? ''
          : `; SQLite pages of the data (page_count × page_size of the same rows inserted raw): ${report.fmtMb(
              r.sqliteBytes,
            )}`
      }.`,
    );
    lines.push(
      `- ${report.DB_LABEL[db]}: records ${kinds.join(
        '; ',
      )}. API ingestion wall time ${r.apiWallSeconds.toFixed(
        1,
      )} s (requests only: ${(
        KINDS.reduce((s, k) => s + r.api[k].ms, 0) / 1000
      ).toFixed(1)} s), backend busy ${r.settleSeconds.toFixed(
        1,
      )} s more after the last batch${
        r.settled ? '' : ' (and still busy when the benchmark went on)'
      }, backend CPU during ingestion ${r.apiBackendCpuSeconds.toFixed(
        1,
      )} s. ` +
        `Overview total: ${
          r.overviewTotal ?? 'n/a'
        }. Catalog-side timings on the baseline backend: ` +
        Object.entries(r.baselineHttp)
          .filter(([id]) => ['overview', 'overview-owner', 'sla'].includes(id))
          .map(
            ([id, e]) =>
              `${id === 'sla' ? 'by-name' : `by-query (${id})`} ${report.fmtMs(
                median(e.ours),
              )}`,
          )
          .join(', ') +
        `; /catalog TTI ${report.fmtMs(
          median(r.baselinePages.catalog),
        )}. RSS ours / baseline: when up ${report.fmtMb(
          r.upMemory.rss,
        )} / ${report.fmtMb(
          r.baselineUpMemory.rss,
        )}, with the catalog in ${report.fmtMb(
          r.catalogMemory.rss,
        )} / ${report.fmtMb(r.baselineCatalogMemory.rss)}, peak ${report.fmtMb(
          r.memory.peak,
        )} / ${report.fmtMb(r.baselineMemory.peak)}.` +
        (r.databaseBytes
          ? ` PostgreSQL databases: ${report.fmtMb(r.databaseBytes)}.`
          : ''),
    );
    for (const [id, e] of Object.entries(r.http)) {
      if (e.oursError && e.status.ours !== 404)
        lines.push(`  - ${id}: ours answered ${e.oursError}`);
      if (e.theirsError)
        lines.push(`  - ${id}: catalog answered ${e.theirsError}`);
    }
    for (const [page, error] of Object.entries(r.pages.errors)) {
      lines.push(`  - page ${page}: ${error}`);
    }
    if (r.failedBatches) {
      lines.push(
        `  - ${r.failedBatches} ingest batch(es) failed 3 times and were not stored`,
      );
    }
    if (r.ingestStoppedEarly) {
      lines.push(
        `  - the ingestion stopped at its time budget: the records above are what was sent`,
      );
    }
    if (r.ingestRetries?.length) {
      lines.push(
        `  - ${r.ingestRetries.length} ingest attempt(s) failed and were retried ` +
          `(timed from the first attempt): ${r.ingestRetries
            .slice(0, 8)
            .join('; ')}${r.ingestRetries.length > 8 ? ' …' : ''}`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const runId = stamp();
  const runDir = path.join(resultsDir, runId);
  fs.mkdirSync(runDir, { recursive: true });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-'));
  const tracked = new Set();
  const pgPrefix = `sd_bench_${runId}_`;
  let pgUsed = false;

  const cleanup = async () => {
    for (const item of [...tracked]) {
      if (item.stop) await item.stop().catch(() => {});
      else if (item.close) await item.close().catch(() => {});
    }
    tracked.clear();
    if (pgUsed) {
      const dropped = await pg.dropDatabases(pgPrefix).catch(error => {
        log(`  could not drop the ${pgPrefix}* databases: ${error.message}`);
        return [];
      });
      if (dropped.length)
        log(`Dropped PostgreSQL databases: ${dropped.join(', ')}`);
      pgUsed = false;
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  process.on('exit', () => tracked.forEach(item => item.killNow?.()));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`\n${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  if (Number(process.versions.node.split('.')[0]) < 22) {
    throw new Error(
      `Node ${process.versions.node}: run through yarn or \`source scripts/env.sh\` first (Node 22+)`,
    );
  }
  const args = process.argv.slice(2).join(' ');
  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? `yarn bench${args ? ` ${args}` : ''}`
      : `node bench/run.js${args ? ` ${args}` : ''}`;
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAtStart: os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' '),
  };
  if (options.dbs.includes('postgres')) {
    machine.postgres = await pg.checkPostgres().catch(error => {
      throw new Error(
        `PostgreSQL at 127.0.0.1:5432 (user postgres) is not reachable: ${error.message}`,
      );
    });
  }
  machine.sqlite = (() => {
    try {
      const Database = require('better-sqlite3');
      const memory = new Database(':memory:');
      const version = memory.prepare('select sqlite_version() as v').get().v;
      memory.close();
      return version;
    } catch {
      return 'unknown';
    }
  })();
  log(`Command: ${command}`);
  log(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}` +
      `${machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''}, SQLite ${
        machine.sqlite
      }; load average at start ${machine.loadAtStart}`,
  );
  log(`Results: ${path.relative(root, runDir)}/`);

  if (options.scaling) {
    const { scaling } = require('./lib/scaling');
    log(
      `Scaling: ${options.scaling.join(', ')} services, ${
        options.months
      } months`,
    );
    const markdown = await scaling({
      sizes: options.scaling,
      dbs: options.dbs,
      months: options.months,
      log,
      resultsDir: runDir,
    });
    log(`\n${markdown}`);
    fs.rmSync(tmpDir, { recursive: true, force: true });
    return;
  }

  const results = {};
  const timings = {};
  try {
    // the organisation
    let t = Date.now();
    const orgFile = path.join(tmpDir, 'organisation.yaml');
    const org = writeOrganisation({
      services: options.services,
      file: orgFile,
    });
    org.file = orgFile;
    const probe = probeService(org.entities);
    const now = new Date();
    timings.organisation = (Date.now() - t) / 1000;
    log(
      `Organisation: ${options.services} services, ${
        org.entities.length
      } entities (${Object.entries(org.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}), ${report.fmtMb(org.bytes)} of YAML; measured service: ${
        probe.ref
      }`,
    );
    const detail = {
      hourlyDays: options.hourlyDays,
      sliBucketDays: 1,
      capacityEveryDays: 1,
    };
    const coarse = options.fullDetail
      ? detail
      : {
          hourlyDays: 1,
          sliBucketDays: options.sliBucketDays,
          capacityEveryDays: options.capacityEvery,
        };
    const detailRefs = ownedRefs(org.entities, probe.owner);
    const dataLine =
      `${options.months} months of incidents, SLI counts, costs, capacity samples and DR tests; ` +
      (options.fullDetail
        ? `every entity at full detail (SLI hourly for ${detail.hourlyDays} day(s) and daily before, a capacity sample a day)`
        : `the ${detailRefs.size} entities of the measured service's team (${probe.owner}) at full detail (SLI hourly for ` +
          `${detail.hourlyDays} day(s) and daily before, a capacity sample a day), all others coarser (SLI hourly for ` +
          `${coarse.hourlyDays} day, ${coarse.sliBucketDays}-day buckets before; a capacity sample every ${coarse.capacityEveryDays} days)`);
    log(`Measured data: ${dataLine}; generated in chunks while it is sent`);

    // the frontend
    const reason = options.ingestionOnly
      ? undefined
      : options.build === 'always'
      ? '--build'
      : options.build === 'never'
      ? undefined
      : buildReason();
    if (reason) {
      log(`Building the frontend (${reason}) …`);
      timings.frontendBuild = await buildApp(
        path.join(runDir, 'app-build.log'),
      );
      log(`  built in ${timings.frontendBuild.toFixed(1)} s`);
    } else if (options.ingestionOnly) {
      log('Frontend: not needed (--ingestion-only)');
    } else if (!fs.existsSync(appDist)) {
      throw new Error(
        'packages/app/dist does not exist: run without --no-build',
      );
    } else {
      log('Frontend: using packages/app/dist as it is');
    }

    for (const db of options.dbs) {
      t = Date.now();
      if (db === 'postgres') pgUsed = true;
      results[db] = await runDatabase(db, {
        options,
        org,
        probe,
        runDir,
        runId,
        now,
        tracked,
        detail,
        coarse,
        detailRefs,
      });
      timings[db] = (Date.now() - t) / 1000;
      if (db === 'postgres') {
        const dropped = await pg.dropDatabases(pgPrefix);
        pgUsed = false;
        log(`  dropped ${dropped.length} PostgreSQL databases (${pgPrefix}*)`);
      }
    }

    const dbs = options.dbs;
    if (options.ingestionOnly) {
      log('');
      for (const db of dbs) log(ingestionLine(results[db]));
      log(`Command: ${command}`);
      log(`Machine: load average at start ${machine.loadAtStart}`);
      return;
    }
    const rows = report.buildRows(measuresOf(results, dbs), dbs);
    const duration = (Date.now() - started) / 1000;
    const summary =
      `${options.services.toLocaleString(
        'en-US',
      )} services (${org.entities.length.toLocaleString(
        'en-US',
      )} catalog entities); ` +
      `measured records ingested: ` +
      dbs
        .map(db => {
          const r = results[db];
          const n = KINDS.reduce((s, k) => s + r.records[k], 0);
          return `${report.DB_LABEL[db]} ${n.toLocaleString('en-US')}${
            r.ingestStoppedEarly ? ' (stopped at the time budget)' : ''
          }`;
        })
        .join(', ') +
      ` (${dataLine}). Medians of up to ${options.reps} requests after ${options.warmup} warm-up rounds ` +
      `(at least 5 when a pair is slow), up to ${options.pageReps} page loads after ${options.pageWarmup} (at least 3).`;
    const machineLine =
      `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.os}` +
      `${machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''}, SQLite ${
        machine.sqlite
      } (better-sqlite3); load average at start ${machine.loadAtStart}`;
    const durationLine =
      `${(duration / 60).toFixed(1)} min (` +
      Object.entries(timings)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ') +
      ')';

    log(`\n${report.textTable(rows, dbs)}\n`);
    log(summary);
    log(`Machine: ${machineLine}`);
    log(`Command: ${command}`);
    log(`Duration: ${durationLine}`);
    log(`\n${details(results, dbs)}`);

    const markdown = [
      `# Benchmark: ${new Date()
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')} UTC`,
      '',
      `Command: \`${command}\`  `,
      `Machine: ${machineLine}  `,
      `Duration: ${durationLine}`,
      '',
      summary,
      '',
      report.markdownTable(rows, dbs),
      '',
      'Ratios are ours ÷ Backstage’s (for throughput: ours as a share of the raw insert).',
      '',
      details(results, dbs),
      '',
    ].join('\n');
    fs.writeFileSync(path.join(resultsDir, 'latest.md'), markdown);
    fs.writeFileSync(path.join(runDir, 'results.md'), markdown);
    fs.writeFileSync(
      path.join(runDir, 'results.json'),
      `${JSON.stringify(
        { command, machine, options, timings, duration, results },
        null,
        2,
      )}\n`,
    );
    log(
      `\nWritten: bench/results/latest.md, ${path.relative(
        root,
        runDir,
      )}/results.json`,
    );
  } finally {
    await cleanup();
  }
}

main().catch(error => {
  const text = String(error.stack || error);
  console.error(
    text.length > 3000
      ? `${text.slice(0, 3000)} … (${text.length} characters)`
      : text,
  );
  process.exit(1);
});
