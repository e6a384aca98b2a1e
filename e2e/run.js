#!/usr/bin/env node
// End-to-end tests in a real browser: builds the frontend, starts the real backend serving it with
// the examples catalog and the demo data, drives Debian's Chromium through playwright-core as a user
// would, and reports per test (stdout, and jest-like JSON with --json). See e2e/README.md.
const fs = require('fs');
const path = require('path');
const { buildApp, buildReason } = require('./lib/build');
const {
  Backend,
  apiClient,
  findFreePort,
  guestToken,
} = require('./lib/backend');
const { launchBrowser } = require('./lib/browser');
const { runSuites, setupFailure, jestReport } = require('./lib/harness');
const suites = require('./cases');

const root = path.resolve(__dirname, '..');
const artifactsDir = path.join(__dirname, 'artifacts');

const usage = `Usage: node e2e/run.js [options]   (or: yarn e2e [options])

  --json FILE          also write the results as jest-like JSON to FILE
  --screenshots DIR    also copy the screenshots of passing tests to DIR (e.g. docs/screenshots)
  --build              always build the frontend (default: only when a source is newer than
                       packages/app/dist)
  --no-build           never build; use packages/app/dist as it is
  --base-url URL       test an app and backend already running at URL (no build, no start);
                       it must serve the built app and have the demo data loaded
  --port N             first port to try for the backend (default 7008, or $E2E_PORT)
  --grep REGEXP        run only the tests whose "suite › test" name matches
  -h, --help           this text`;

function parseArgs(argv) {
  const options = { build: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      return next;
    };
    switch (arg) {
      case '--json':
        options.json = path.resolve(value());
        break;
      case '--screenshots':
        options.screenshots = path.resolve(value());
        break;
      case '--build':
        options.build = 'always';
        break;
      case '--no-build':
        options.build = 'never';
        break;
      case '--base-url':
        options.baseUrl = value().replace(/\/$/, '');
        break;
      case '--port':
        options.port = Number(value());
        break;
      case '--grep':
        options.grep = new RegExp(value(), 'i');
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
  return options;
}

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startTime = Date.now();
  const timings = [];
  const results = [];
  let backend;
  let browser;

  fs.rmSync(path.join(artifactsDir, 'screenshots'), {
    recursive: true,
    force: true,
  });
  fs.mkdirSync(artifactsDir, { recursive: true });

  const stopEverything = async () => {
    if (browser) {
      await browser.close().catch(() => {});
      browser = undefined;
    }
    if (backend) {
      await backend.stop();
      backend = undefined;
    }
  };
  process.on('exit', () => backend?.killNow());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the backend`);
      stopEverything().finally(() => process.exit(130));
    });
  }

  try {
    if (Number(process.versions.node.split('.')[0]) < 22) {
      throw new Error(
        `Node ${process.versions.node}: the backend needs Node 22+ (run through yarn, or ` +
          '`source scripts/env.sh` first)',
      );
    }

    let baseUrl = options.baseUrl;
    let api;
    if (baseUrl) {
      console.log(`Testing the app already running at ${baseUrl}`);
      api = apiClient(baseUrl, await guestToken(baseUrl));
    } else {
      // 1. the frontend, built once
      const reason = options.build === 'always' ? '--build' : buildReason();
      if (options.build === 'never' || !reason) {
        console.log('Frontend: packages/app/dist is up to date, not building');
      } else {
        console.log(`Building the frontend (${reason}) …`);
        const took = await buildApp({
          logFile: path.join(artifactsDir, 'app-build.log'),
        });
        timings.push(`frontend build ${took.toFixed(1)} s`);
        console.log(`Frontend built in ${took.toFixed(1)} s`);
      }

      // 2. the backend serving it, with the examples and the demo data
      const port = await findFreePort(
        options.port || Number(process.env.E2E_PORT) || 7008,
      );
      backend = new Backend({
        port,
        logFile: path.join(artifactsDir, 'backend.log'),
      });
      baseUrl = backend.baseUrl;
      console.log(
        `Starting the backend on ${baseUrl} (log: e2e/artifacts/backend.log) …`,
      );
      backend.start();
      const ready = await backend.waitUntilReady({
        onProgress: phase => console.log(`  ${phase}`),
      });
      api = ready.api;
      timings.push(`backend ready ${ready.seconds.toFixed(1)} s`);
    }

    // 3. the browser, and the cases
    browser = await launchBrowser();
    const testsStarted = Date.now();
    results.push(
      ...(await runSuites(
        suites,
        {
          context: browser.context,
          baseUrl,
          api,
          artifactsDir,
          // the backend this run started: should it exit, the remaining cases fail at once
          backendGone: backend?.whileRunning(),
        },
        { filter: options.grep },
      )),
    );
    timings.push(`tests ${seconds(Date.now() - testsStarted)}`);
  } catch (error) {
    if (error.cause) {
      error.message += ` (${error.cause.message || error.cause})`;
      error.stack = `${error.stack}\ncaused by: ${
        error.cause.stack || error.cause
      }`;
    }
    console.log(`\nSetup failed: ${error.stack || error}`);
    results.push(
      setupFailure('build the app, start the backend and the browser', error),
    );
  } finally {
    await stopEverything();
  }

  // 4. the report
  const report = jestReport(results, { startTime });
  if (options.json) {
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (options.screenshots) {
    fs.mkdirSync(options.screenshots, { recursive: true });
    const copied = [];
    for (const test of results.flatMap(suite => suite.tests)) {
      if (test.status !== 'passed') continue;
      for (const file of test.screenshots) {
        const target = path.join(options.screenshots, path.basename(file));
        fs.copyFileSync(file, target);
        copied.push(path.relative(root, target));
      }
    }
    console.log(`\nScreenshots copied: ${copied.join(', ') || 'none'}`);
  }

  const failed = results
    .flatMap(s => s.tests)
    .filter(t => t.status === 'failed');
  console.log(
    `\ne2e: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      `${report.numPendingTests ? `, ${report.numPendingTests} skipped` : ''}` +
      ` in ${seconds(Date.now() - startTime)} (${timings.join(', ')})`,
  );
  for (const test of failed) {
    console.log(`  failed: ${test.fullName}`);
  }
  console.log('Screenshots: e2e/artifacts/screenshots/');
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
