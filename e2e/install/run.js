#!/usr/bin/env node
// The install test: our packed packages installed into new Backstage apps exactly as the README's
// section "Installing into an existing Backstage app" says, proven in Chromium. Two apps, both made
// by the same create-app release: a legacy app (`--legacy`) and a default one, on the new frontend
// system.
//
// 1. `@backstage/create-app [--legacy] --skip-install` from the registry makes each app in a
//    temporary folder; the blocks of the README marked `<!-- install-test:NAME -->` are applied to
//    it, with our package names mapped to the tarballs scripts/pack.sh made (`file:`). The legacy
//    app takes every block; the new-frontend-system app takes the dependencies, backend and config
//    blocks and no frontend code: its app-config's `app.packages: all` discovers our `/alpha`.
// 2. `yarn install`, then `yarn workspace app build`. The registry here is a partial mirror: this
//    repository's `resolutions` and yarn.lock are copied into the app first (a seed, so yarn reuses
//    resolutions instead of asking for versions the mirror lacks), and native modules the test does
//    not run (tree-sitter, ssh2, …) are not built. One app installs while the other builds.
// 3. Each app's backend in turn starts on SQLite in memory and serves its built app; measured data
//    is ingested through our API with the README's static token; in Chromium the SLA tab of a
//    service of that app's catalog and the overview page (and its sidebar item) must show it.
//
//   node e2e/install/run.js --packs DIR [--json FILE] [--keep]
//
// The apps' files and logs are in the temporary folder: each app's folder is removed once it is
// tested, the rest at the end (--keep keeps it all);
// logs and screenshots are copied to e2e/artifacts/install/.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, execFileSync } = require('child_process');
const { installBlocks, requireBlock, dependencyLines } = require('./readme');
const { apiClient, findFreePort, guestToken } = require('../lib/backend');

const root = path.resolve(__dirname, '..', '..');
const readmeFile = path.join(root, 'README.md');
const artifacts = path.join(root, 'e2e/artifacts/install');
// The create-app release that makes Backstage 1.55.0 apps, the release this repository is on
// (backstage.json); the test checks that the two agree.
const CREATE_APP = '@backstage/create-app@0.9.2';
// Native modules of the template that this test never runs: building them costs minutes.
const NOT_BUILT = [
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  'ssh2',
  'cpu-features',
  'keytar',
  'core-js',
  'core-js-pure',
  'protobufjs',
  '@scarf/scarf',
];
const ENTITY = {
  name: 'install-test-service',
  title: 'Install Test Service',
  agreement: 'install-test-sla',
};
const api = '/api/service-delivery/v1';

function parseArgs(argv) {
  const options = { packs: undefined, json: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--packs') options.packs = path.resolve(argv[++i]);
    else if (arg === '--json') options.json = path.resolve(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!options.packs) {
    throw new Error(
      'usage: run.js --packs DIR [--json FILE] [--keep] (DIR: the tarballs of scripts/pack.sh)',
    );
  }
  return options;
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const seconds = since => ((Date.now() - since) / 1000).toFixed(0);

// Every child runs in its own process group, ended on exit whatever happens.
const children = new Set();
function killGroup(child, signal = 'SIGKILL') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // gone already
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Runs a command to its end, its output in logFile; rejects with the log's tail. */
function run(command, args, { cwd, env, logFile, timeoutMs, what }) {
  const started = Date.now();
  const log = fs.openSync(logFile, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', log, log],
      detached: true,
    });
    children.add(child);
    const timer = setTimeout(() => {
      killGroup(child);
      reject(
        new Error(
          `${what} did not finish in ${
            timeoutMs / 1000
          } s; log ${logFile}:\n${tail(logFile)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${error.message}`));
    });
    child.on('exit', code => {
      clearTimeout(timer);
      children.delete(child);
      fs.closeSync(log);
      if (code === 0) {
        console.log(`  ${what}: ${seconds(started)} s`);
        resolve();
      } else {
        reject(
          new Error(
            `${what} failed (exit ${code}) after ${seconds(
              started,
            )} s; log ${logFile}:\n${tail(logFile)}`,
          ),
        );
      }
    });
  });
}

/** The package name in each tarball of the packs folder: Map name → absolute file. */
function packedPackages(packs) {
  const files = fs.existsSync(packs)
    ? fs.readdirSync(packs).filter(file => file.endsWith('.tgz'))
    : [];
  if (files.length === 0) {
    throw new Error(
      `no tarballs in ${packs}: run scripts/pack.sh first (scripts/install-test.sh does)`,
    );
  }
  const packages = new Map();
  for (const file of files) {
    const full = path.join(packs, file);
    const manifest = JSON.parse(
      execFileSync('tar', ['xzf', full, '-O', 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    packages.set(manifest.name, full);
  }
  return packages;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Inserts `code` into a file of the app at a place found by `where(text)` → index. */
function insertInto(file, code, where, description) {
  const text = fs.readFileSync(file, 'utf8');
  const at = where(text);
  if (at === undefined || at < 0) {
    throw new Error(
      `${path.basename(file)} of the new app has no ${description}: ` +
        'the template changed, so the README and this test need to say where the block goes now',
    );
  }
  fs.writeFileSync(file, `${text.slice(0, at)}${code}\n${text.slice(at)}`);
}

/** The index of the line that starts with the first `closing` after `opening`. */
function beforeClosing(opening, closing) {
  return text => {
    const start = text.indexOf(opening);
    if (start < 0) return undefined;
    const end = text.indexOf(closing, start);
    if (end < 0) return undefined;
    return text.lastIndexOf('\n', end) + 1;
  };
}

/** The index just after the line that contains `anchor`. */
function afterLine(anchor) {
  return text => {
    const at = text.indexOf(anchor);
    if (at < 0) return undefined;
    return text.indexOf('\n', at) + 1;
  };
}

// The README's blocks every app takes, and those only the legacy app's frontend takes.
const SHARED_BLOCKS = ['dependencies', 'backend', 'config'];
const LEGACY_BLOCKS = [
  'entity-page-imports',
  'entity-overview',
  'entity-tabs',
  'portfolio-tab',
  'app-imports',
  'app-root',
  'app-routes',
  'sidebar-imports',
  'sidebar',
];

/** The legacy app's frontend: the README's blocks where it says they go. */
function applyLegacyFrontend(appDir, code) {
  const src = path.join(appDir, 'packages/app/src');
  const entityPage = path.join(src, 'components/catalog/EntityPage.tsx');
  insertInto(entityPage, code['entity-page-imports'], () => 0, 'start');
  insertInto(
    entityPage,
    code['entity-overview'],
    afterLine('{entityWarningContent}'),
    '{entityWarningContent} in overviewContent',
  );
  insertInto(
    entityPage,
    code['entity-tabs'],
    beforeClosing('const serviceEntityPage = (', '</EntityLayout>'),
    'serviceEntityPage layout',
  );
  for (const layout of ['groupPage', 'systemPage', 'domainPage']) {
    insertInto(
      entityPage,
      code['portfolio-tab'],
      beforeClosing(`const ${layout} = (`, '</EntityLayout>'),
      `${layout} layout`,
    );
  }
  const appTsx = path.join(src, 'App.tsx');
  insertInto(appTsx, code['app-imports'], () => 0, 'start');
  insertInto(appTsx, code['app-root'], afterLine('<AppRouter>'), '<AppRouter>');
  insertInto(
    appTsx,
    code['app-routes'],
    beforeClosing('<FlatRoutes>', '</FlatRoutes>'),
    '<FlatRoutes>',
  );
  const rootTsx = path.join(src, 'components/Root/Root.tsx');
  insertInto(rootTsx, code['sidebar-imports'], () => 0, 'start');
  insertInto(
    rootTsx,
    code.sidebar,
    beforeClosing('<SidebarGroup label="Menu"', '</SidebarGroup>'),
    'sidebar group "Menu"',
  );
}

/**
 * The new-frontend-system app's frontend: no code, as the README says, because its app-config
 * discovers the frontend plugins of packages/app/package.json. The test fails if the template stops
 * doing that, rather than passing on a README that would then be wrong.
 */
function checkFeatureDiscovery(appDir) {
  const config = fs.readFileSync(path.join(appDir, 'app-config.yaml'), 'utf8');
  if (!/^app:\n(?:(?: .*)?\n)*? {2}packages: all\s*(#.*)?$/m.test(config)) {
    throw new Error(
      "the new app's app-config.yaml no longer says `app.packages: all` (feature discovery): " +
        "the README's new-frontend-system paragraph and this test need to say how the plugin is added now",
    );
  }
  const appTsx = fs.readFileSync(
    path.join(appDir, 'packages/app/src/App.tsx'),
    'utf8',
  );
  if (!appTsx.includes("from '@backstage/frontend-defaults'")) {
    throw new Error(
      "the new app's packages/app/src/App.tsx does not use @backstage/frontend-defaults: " +
        'create-app without --legacy no longer makes a new-frontend-system app',
    );
  }
}

const APPS = [
  {
    id: 'legacy',
    title: 'a legacy app',
    createArgs: ['--legacy'],
    blocks: [...SHARED_BLOCKS, ...LEGACY_BLOCKS],
    takes: 'every README block',
    frontend: applyLegacyFrontend,
  },
  {
    id: 'nfs',
    title: 'a new-frontend-system app',
    createArgs: [],
    blocks: SHARED_BLOCKS,
    takes:
      "the README's dependencies, backend and config blocks (no frontend code: it discovers the plugin)",
    frontend: checkFeatureDiscovery,
  },
];

/** Every block any app takes, read before anything is made, so a README without them fails at once. */
function readBlocks() {
  const blocks = installBlocks(readmeFile);
  const names = [...new Set(APPS.flatMap(app => app.blocks))];
  return Object.fromEntries(
    names.map(name => [name, requireBlock(blocks, name, readmeFile)]),
  );
}

/**
 * The packages as on the day CREATE_APP was published (plus a week, for that release's patches):
 * yarn's age gate, which the template sets to 3 days with `@backstage/*` exempt, is widened to all
 * packages and to that date. Without it, the template's `^` ranges of packages this repository's
 * yarn.lock does not seed resolve to later Backstage releases (plugin-search 1.8.0 with
 * core-plugin-api 1.13.0 and frontend-plugin-api 1.0.0, next to the release's 1.12.10 and 0.18.1),
 * and the new-frontend-system app's sidebar fails with "App context is not available".
 */
let releaseDay;
function pinToReleaseDay(appDir) {
  if (!releaseDay) {
    const at = CREATE_APP.lastIndexOf('@');
    const times = JSON.parse(
      execFileSync('npm', ['view', CREATE_APP.slice(0, at), 'time', '--json'], {
        encoding: 'utf8',
      }),
    );
    releaseDay = Date.parse(times[CREATE_APP.slice(at + 1)]);
    if (!Number.isFinite(releaseDay)) {
      throw new Error(
        `the registry gives no publication time for ${CREATE_APP}`,
      );
    }
  }
  const minutes = Math.ceil((Date.now() - (releaseDay + 7 * 86400000)) / 60000);
  const file = path.join(appDir, '.yarnrc.yml');
  const kept = fs
    .readFileSync(file, 'utf8')
    .replace(/^npmMinimalAgeGate:.*\n/m, '')
    .replace(/^npmPreapprovedPackages:.*\n(?:[ \t]+-.*\n)*/m, '');
  fs.writeFileSync(
    file,
    `${kept}# the install test: packages as on ${CREATE_APP}'s release (see e2e/install/run.js)\n` +
      `npmMinimalAgeGate: ${minutes}\nnpmPreapprovedPackages: []\n`,
  );
}

/** Step 1: a new app with the README's blocks applied; returns its folder. */
async function createApp({ app, workDir, code, packages, logs }) {
  await run(
    'npx',
    [
      '--yes',
      CREATE_APP,
      ...app.createArgs,
      '--skip-install',
      '--path',
      app.id,
    ],
    {
      cwd: workDir,
      env: { BACKSTAGE_APP_NAME: `install-test-${app.id}` },
      logFile: path.join(logs, `${app.id}-create-app.log`),
      timeoutMs: 5 * 60000,
      what: `${app.id}: npx ${[CREATE_APP, ...app.createArgs].join(
        ' ',
      )} --skip-install`,
    },
  );
  const appDir = path.join(workDir, app.id);
  const ours = readJson(path.join(root, 'backstage.json')).version;
  const theirs = readJson(path.join(appDir, 'backstage.json')).version;
  if (ours !== theirs) {
    throw new Error(
      `${CREATE_APP} made a Backstage ${theirs} app, but this repository is on ${ours}: ` +
        'update CREATE_APP in e2e/install/run.js',
    );
  }

  // The dependencies, as the README adds them, from the tarballs. Our packages depend on each
  // other by version; no registry has them, so resolutions point every one at its tarball.
  for (const { dir, names } of dependencyLines(code.dependencies)) {
    const manifestFile = path.join(appDir, dir, 'package.json');
    if (!fs.existsSync(manifestFile)) {
      throw new Error(
        `the README adds packages in ${dir}, which the new app does not have`,
      );
    }
    const manifest = readJson(manifestFile);
    for (const name of names) {
      if (!packages.has(name)) {
        throw new Error(
          `the README adds ${name}, which scripts/pack.sh did not pack (packed: ${[
            ...packages.keys(),
          ].join(', ')})`,
        );
      }
      manifest.dependencies[name] = `file:${packages.get(name)}`;
    }
    writeJson(manifestFile, manifest);
  }
  const rootManifestFile = path.join(appDir, 'package.json');
  const rootManifest = readJson(rootManifestFile);
  const ourManifest = readJson(path.join(root, 'package.json'));
  rootManifest.resolutions = {
    ...ourManifest.resolutions,
    ...rootManifest.resolutions,
    ...Object.fromEntries(
      [...packages].map(([name, file]) => [name, `file:${file}`]),
    ),
  };
  rootManifest.dependenciesMeta = {
    ...rootManifest.dependenciesMeta,
    ...Object.fromEntries(NOT_BUILT.map(name => [name, { built: false }])),
  };
  writeJson(rootManifestFile, rootManifest);
  fs.copyFileSync(path.join(root, 'yarn.lock'), path.join(appDir, 'yarn.lock'));
  pinToReleaseDay(appDir);

  // The code, where the README says it goes.
  insertInto(
    path.join(appDir, 'packages/backend/src/index.ts'),
    code.backend,
    text => text.lastIndexOf('backend.start();'),
    '"backend.start();"',
  );
  app.frontend(appDir, code);
  fs.writeFileSync(
    path.join(appDir, 'app-config.service-delivery.yaml'),
    `# The README's configuration block (install-test:config), kept apart from the template's\n# app-config.yaml, whose backend section it would otherwise be merged into.\n${code.config}\n`,
  );

  // A service of the app's own catalog (its examples file) that declares an agreement.
  fs.appendFileSync(
    path.join(appDir, 'examples/entities.yaml'),
    `
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${ENTITY.name}
  title: ${ENTITY.title}
spec:
  type: service
  lifecycle: production
  owner: guests
  serviceDelivery:
    agreements:
      - name: ${ENTITY.agreement}
        type: SLA
        customer: group:guests
        period: month
        objectives:
          - { name: availability, kind: availability, target: 99.9 }
          - { name: success-rate, kind: ratio, target: 99.9 }
`,
  );
  return appDir;
}

/** One holder at a time: the next waits for the one before to end (resolved or not). */
function mutex() {
  let last = Promise.resolve();
  return async work => {
    const turn = last.then(work);
    last = turn.catch(() => {});
    return turn;
  };
}
// Installs are network and disk, builds are CPU: one app installs while the other builds, but two
// installs (one yarn cache) or two builds (two cores) never run at once.
const oneInstall = mutex();
const oneBuild = mutex();

/** Step 1 (continued): yarn install and the frontend build. */
async function installAndBuild({ app, appDir, logs }) {
  const yarn = path.join(appDir, '.yarn/releases');
  const release = fs.readdirSync(yarn).find(file => file.endsWith('.cjs'));
  const yarnCommand = [path.join(yarn, release)];
  const env = {
    // CI=true makes yarn refuse to change the lock file; this install must write it
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
  };
  await oneInstall(() =>
    run(process.execPath, [...yarnCommand, 'install'], {
      cwd: appDir,
      env,
      logFile: path.join(logs, `${app.id}-yarn-install.log`),
      timeoutMs: 25 * 60000,
      what: `${app.id}: yarn install`,
    }),
  );
  await oneBuild(() =>
    run(process.execPath, [...yarnCommand, 'workspace', 'app', 'build'], {
      cwd: appDir,
      env,
      logFile: path.join(logs, `${app.id}-app-build.log`),
      timeoutMs: 15 * 60000,
      what: `${app.id}: yarn workspace app build`,
    }),
  );
}

/** Step 2: the app's backend, ready; returns { baseUrl, token, client, ingestToken, stop }. */
async function startBackend({ app, appDir, logs }) {
  const port = await findFreePort(7108);
  const baseUrl = `http://localhost:${port}`;
  fs.writeFileSync(
    path.join(appDir, 'app-config.install-test.yaml'),
    `# written by the install test: one port for the app and the API, SQLite in memory
app:
  baseUrl: ${baseUrl}
backend:
  baseUrl: ${baseUrl}
  listen:
    port: ${port}
  cors:
    origin: ${baseUrl}
  database:
    client: better-sqlite3
    connection: ':memory:'
`,
  );
  let loader;
  try {
    loader = require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
      paths: [appDir],
    });
  } catch {
    throw new Error(
      "the new app has no @backstage/cli-node/config/nodeTransform.cjs to run its backend's TypeScript with",
    );
  }
  const ingestToken = crypto.randomBytes(24).toString('base64url');
  const logFile = path.join(logs, `${app.id}-backend.log`);
  const log = fs.openSync(logFile, 'w');
  const configs = [
    'app-config.yaml',
    'app-config.service-delivery.yaml',
    'app-config.install-test.yaml',
  ].flatMap(file => ['--config', `../../${file}`]);
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '--require', loader, 'src/index', ...configs],
    {
      cwd: path.join(appDir, 'packages/backend'),
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(appDir, 'tsconfig.json'),
        SERVICE_DELIVERY_INGEST_TOKEN: ingestToken,
        FORCE_COLOR: '0',
      },
    },
  );
  fs.closeSync(log);
  children.add(child);
  let exited;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    children.delete(child);
  });
  const stop = async () => {
    if (exited) return;
    killGroup(child, 'SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await sleep(200);
    killGroup(child, 'SIGKILL');
  };

  const started = Date.now();
  let problem = 'no answer yet';
  while (Date.now() - started < 4 * 60000) {
    if (exited) {
      throw new Error(
        `the new app's backend exited (${JSON.stringify(
          exited,
        )}) before it was ready; log ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const token = await guestToken(baseUrl);
      const client = apiClient(baseUrl, token);
      const entity = await client.get(
        `${api}/entities/component/default/${ENTITY.name}`,
      );
      if (!entity.declared?.agreements?.length) {
        throw new Error(
          `${ENTITY.name} declares no agreement: ${JSON.stringify(entity)}`,
        );
      }
      console.log(`  backend ready: ${seconds(started)} s`);
      return { baseUrl, token, client, ingestToken, stop };
    } catch (error) {
      problem = error.message;
      await sleep(1000);
    }
  }
  await stop();
  throw new Error(
    `the new app's backend was not ready in 4 minutes (${problem}); log ${logFile}:\n${tail(
      logFile,
    )}`,
  );
}

async function ingest(baseUrl, ingestToken, kind, records) {
  const response = await fetch(`${baseUrl}${api}/ingest/${kind}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ingestToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(records),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `POST ${api}/ingest/${kind} with the README's static token answered ${
        response.status
      }: ${text.slice(0, 500)}`,
    );
  }
  return JSON.parse(text);
}

/** Step 2 (continued): data through the API; returns the SLA answer with it. */
async function ingestData({ baseUrl, client, ingestToken }) {
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  // one finished minute of the current month, so the data is in the period the tab opens on
  if (Date.now() < monthStart + 2 * 60000) {
    await sleep(monthStart + 2 * 60000 - Date.now());
  }
  const entityRef = `component:default/${ENTITY.name}`;
  await ingest(baseUrl, ingestToken, 'sli', [
    {
      entityRef,
      source: 'install-test',
      objective: 'success-rate',
      bucketStart: new Date(monthStart).toISOString(),
      bucketSeconds: 60,
      good: 99500,
      total: 100000,
    },
  ]);
  const sla = await client.get(
    `${api}/entities/component/default/${ENTITY.name}/sla`,
  );
  const objective = sla.agreements
    .flatMap(agreement => agreement.objectives)
    .find(o => o.name === 'success-rate');
  if (!objective || Math.abs(objective.actual - 99.5) > 1e-9) {
    throw new Error(
      `after ingesting 99,500 good of 100,000, the SLA route answers success-rate ${JSON.stringify(
        objective,
      )}`,
    );
  }
  return sla;
}

/**
 * Step 3: the SLA tab, then the sidebar's item to the overview page, and that page, in Chromium
 * (one browser for both apps, a page each).
 */
async function checkInBrowser({ app, browser, backend: { baseUrl, client } }) {
  const shot = async (page, name) => {
    await page
      .screenshot({
        path: path.join(artifacts, `${app.id}-${name}.png`),
        fullPage: true,
      })
      .catch(() => {});
  };
  const page = await browser.context.newPage();
  try {
    page.setDefaultTimeout(60000);
    const pageErrors = [];
    page.on('pageerror', error => pageErrors.push(error.message));
    // an error boundary catches what breaks a card: the console still says what it was
    page.on('console', message => {
      if (message.type() === 'error') {
        pageErrors.push(message.text().split('\n')[0].slice(0, 300));
      }
    });
    try {
      await page.goto(
        `${baseUrl}/catalog/default/component/${ENTITY.name}/sla`,
      );
      const enter = page.getByRole('button', { name: /^enter$/i });
      const agreement = page.getByText(ENTITY.agreement).first();
      await enter.or(agreement).first().waitFor();
      if (await enter.isVisible()) {
        await enter.click();
      }
      await agreement.waitFor();
      // formatPercent: up to three decimals
      await page.getByText('99.5%').first().waitFor();
      await page.getByText('success-rate').first().waitFor();
      await shot(page, 'sla-tab');
    } catch (error) {
      await shot(page, 'FAILED-sla-tab');
      throw new Error(
        `the SLA tab of ${ENTITY.name} does not show the ingested data: ${
          error.message.split('\n')[0]
        }${
          pageErrors.length
            ? `; page errors: ${pageErrors.slice(0, 8).join(' | ')}`
            : ''
        }`,
      );
    }

    // the overview is refreshed after an ingest; it lists the service once that is done
    const started = Date.now();
    let overview;
    while (Date.now() - started < 60000) {
      overview = await client.get(`${api}/overview?limit=1000`);
      if (overview.rows.some(row => row.entityRef.endsWith(ENTITY.name))) {
        break;
      }
      await sleep(1000);
    }
    try {
      // the sidebar's item, as a user gets there (a collapsed sidebar shows only its icon)
      await page
        .getByRole('navigation')
        .locator('a[href="/service-delivery"]')
        .first()
        .click();
      await page.waitForURL(`${baseUrl}/service-delivery`);
      const services = page.getByRole('table', { name: 'Services' });
      await services.getByText(ENTITY.title, { exact: true }).first().waitFor();
      await shot(page, 'overview');
    } catch (error) {
      await shot(page, 'FAILED-overview');
      throw new Error(
        `the overview page does not list ${
          ENTITY.title
        } after a click on the sidebar's Service Delivery item (the API's overview lists ${
          overview?.rows?.map(row => row.entityRef).join(', ') || 'nothing'
        }): ${error.message.split('\n')[0]}${
          pageErrors.length
            ? `; page errors: ${pageErrors.slice(0, 8).join(' | ')}`
            : ''
        }`,
      );
    }
  } finally {
    await page.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const startedAll = Date.now();
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-install-test-'));
  const logs = path.join(workDir, 'logs');
  fs.mkdirSync(logs);
  console.log(`install test in ${workDir}`);

  const backends = new Set();
  const cleanup = () => {
    for (const child of children) killGroup(child);
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  // Step 1 of both apps at once (their installs and builds take turns), then steps 2 and 3 of one
  // app after the other, with one Chromium.
  let setup;
  try {
    setup = { code: readBlocks(), packages: packedPackages(options.packs) };
  } catch (error) {
    setup = { error };
  }
  const prepared = new Map(
    APPS.map(app => [
      app,
      (async () => {
        if (setup.error) throw setup.error;
        const appDir = await createApp({ app, workDir, logs, ...setup });
        await installAndBuild({ app, appDir, logs });
        return appDir;
      })().then(
        appDir => ({ appDir, finished: Date.now() }),
        error => ({ error, finished: Date.now() }),
      ),
    ]),
  );
  const startedSteps = Date.now();
  let browser;
  const removals = [];

  const results = [];
  const record = (name, status, message, since) => {
    results.push({
      fullName: `install test › ${name}`,
      status,
      failureMessages: message ? [message] : [],
    });
    const took = since === undefined ? 'not run' : `${seconds(since)} s`;
    console.log(
      `${status === 'passed' ? '✓' : '✗'} ${name} (${took})${
        status === 'failed' && since !== undefined ? `\n${message}` : ''
      }`,
    );
  };

  for (const app of APPS) {
    const steps = [
      {
        name: `${app.title} made by create-app takes ${app.takes} with the packed packages, installs and builds`,
        run: async state => {
          const { appDir, error } = await prepared.get(app);
          if (error) throw error;
          state.appDir = appDir;
        },
      },
      {
        name: `${app.title}: its backend starts on SQLite with the plugins and takes data through the API with the README's token`,
        run: async state => {
          state.backend = await startBackend({
            app,
            appDir: state.appDir,
            logs,
          });
          backends.add(state.backend);
          await ingestData(state.backend);
        },
      },
      {
        name: `${app.title}: in Chromium, the SLA tab of its service and the overview page (through the sidebar) show the ingested data`,
        run: async state => {
          if (!browser) {
            const { launchBrowser } = require('../lib/browser');
            browser = await launchBrowser();
          }
          await checkInBrowser({ app, browser, backend: state.backend });
        },
      },
    ];
    const state = {};
    let failedStep;
    for (const [index, step] of steps.entries()) {
      // both apps' first steps started together
      const started = index === 0 ? startedSteps : Date.now();
      if (failedStep) {
        record(step.name, 'failed', `not run: "${failedStep}" failed`);
        continue;
      }
      try {
        await step.run(state);
        record(step.name, 'passed', undefined, started);
      } catch (error) {
        failedStep = step.name;
        record(step.name, 'failed', error.stack || String(error), started);
      }
    }
    if (state.backend) {
      await state.backend.stop();
      backends.delete(state.backend);
    }
    // each app's 1.5 GB go while the next app is tested (rm -rf: minutes faster than fs.rmSync)
    if (!options.keep) {
      removals.push(
        run('rm', ['-rf', path.join(workDir, app.id)], {
          cwd: workDir,
          logFile: path.join(logs, `${app.id}-remove.log`),
          timeoutMs: 10 * 60000,
          what: `${app.id}: removed`,
        }).catch(error => console.log(error.message)),
      );
    }
  }

  if (browser) await browser.close();
  for (const backend of backends) await backend.stop();
  await Promise.all(removals);
  for (const file of fs.readdirSync(logs)) {
    fs.copyFileSync(path.join(logs, file), path.join(artifacts, file));
  }
  if (options.keep) {
    console.log(`kept ${workDir}`);
  } else {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const passed = results.filter(r => r.status === 'passed').length;
  const failed = results.length - passed;
  if (options.json) {
    writeJson(options.json, {
      numPassedTests: passed,
      numFailedTests: failed,
      numTotalTests: results.length,
      testResults: [
        {
          name: 'e2e/install/run.js',
          status: failed ? 'failed' : 'passed',
          assertionResults: results,
        },
      ],
    });
  }
  console.log(
    `install test: ${passed} passed, ${failed} failed in ${seconds(
      startedAll,
    )} s (logs and screenshots: ${path.relative(root, artifacts)}/)`,
  );
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
  main().catch(error => {
    console.error(error.stack || String(error));
    for (const child of children) killGroup(child);
    process.exit(1);
  });
}

module.exports = { APPS, startBackend, ingestData, checkInBrowser };
