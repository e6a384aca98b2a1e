#!/usr/bin/env node
// `yarn bench`: Service Delivery for Backstage against Backstage's own catalog and the raw
// database, in one run, on SQLite and PostgreSQL. See bench/README.md. The parts live in
// bench/lib: args (options), frontend (the app's build), database (one database's backends and
// measurements: ingestion, http, pages), results (the table and details), report (formatting).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('./lib/args');
const {
  writeOrganisation,
  probeService,
  ownedRefs,
  KINDS,
} = require('./lib/data');
const { runDatabase } = require('./lib/database');
const { appDist, buildReason, buildApp } = require('./lib/frontend');
const {
  buildPackages,
  fromSources,
  packagesBuildReason,
} = require('./lib/packages');
const { log } = require('./lib/log');
const { ensureChromium } = require('./lib/browser');
const pg = require('./lib/pg');
const report = require('./lib/report');
const { measuresOf, ingestionLine, details } = require('./lib/results');

const root = path.resolve(__dirname, '..');
const resultsDir = path.join(__dirname, 'results');

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\..*/, '')
    .replace('T', '_');

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
  if (process.env.BENCH_BACKEND_ENV) {
    log(`Both backends run with: ${process.env.BENCH_BACKEND_ENV}`);
  }
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
    if (!options.ingestionOnly) ensureChromium(log);

    // our backend's packages, built as installed from npm (see lib/packages.js)
    if (fromSources()) {
      log(
        'Backend packages: from their TypeScript sources (BENCH_SOURCE_PACKAGES=1)',
      );
    } else {
      const packagesReason =
        options.build === 'always' ? '--build' : packagesBuildReason();
      if (packagesReason && options.build === 'never') {
        throw new Error(
          `${packagesReason}: run without --no-build, or with BENCH_SOURCE_PACKAGES=1`,
        );
      }
      if (packagesReason) {
        log(`Building the backend's packages (${packagesReason}) …`);
        timings.packagesBuild = await buildPackages(
          path.join(runDir, 'packages-build.log'),
        );
        log(`  built in ${timings.packagesBuild.toFixed(1)} s`);
      } else {
        log("Backend packages: using each package's dist as it is");
      }
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
