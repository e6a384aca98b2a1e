// Our backend's packages as a Backstage app installs them: built to `dist` (the packages on npm
// hold the built code), not compiled from TypeScript as they load. The benchmark's backends run the
// workspace, where each package's `main` is its TypeScript source and the CLI's node transform
// compiles it on load; Backstage's own packages come built from node_modules. Loading ours from
// source cost 33 MB of resident memory where their built code costs 3.5 MB (2026-12-05: the SWC
// compiler's native memory and the sources' maps), which a production backend does not carry, so
// ours is measured with its built code: builtPackages.cjs points the backend's requires of these
// packages at their `dist`.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { newestMtime } = require('./frontend');

const root = path.resolve(__dirname, '..', '..');

/** The workspace packages the backend loads, by directory. */
const BACKEND_PACKAGES = [
  'plugins/service-delivery-common',
  'plugins/service-delivery-node',
  'plugins/service-delivery-backend',
  'plugins/catalog-backend-module-service-delivery',
  'plugins/service-delivery-backend-module-prometheus',
  'plugins/search-backend-module-service-delivery',
  'plugins/tech-insights-backend-module-service-delivery',
  'packages/example-data',
];

/** Whether the backends load our packages from TypeScript (BENCH_SOURCE_PACKAGES=1). */
function fromSources() {
  return process.env.BENCH_SOURCE_PACKAGES === '1';
}

let distByName;

/**
 * The built file that a require or import of one of the packages names (`name` its index,
 * `name/<entry>` that entry), or undefined when it names none or that file is not built.
 */
function builtFile(request) {
  distByName ??= new Map(
    BACKEND_PACKAGES.map(dir => [
      JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'))
        .name,
      path.join(root, dir, 'dist'),
    ]),
  );
  const match = /^(@[^/]+\/[^/]+)(?:\/(.+))?$/.exec(request);
  const dist = match && distByName.get(match[1]);
  if (!dist) return undefined;
  const file = path.join(dist, `${match[2] ?? 'index'}.cjs.js`);
  return fs.existsSync(file) ? file : undefined;
}

/** Why the packages must be built first; undefined when every `dist` is newer than its source. */
function packagesBuildReason() {
  for (const dir of BACKEND_PACKAGES) {
    const entry = path.join(root, dir, 'dist/index.cjs.js');
    if (!fs.existsSync(entry)) return `${dir}/dist does not exist`;
    const built = fs.statSync(entry).mtimeMs;
    for (const input of ['src', 'package.json']) {
      if (newestMtime(path.join(root, dir, input)) > built) {
        return `${dir}/${input} is newer than its dist`;
      }
    }
  }
  return undefined;
}

function run(args, cwd, out) {
  const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [yarn, ...args], {
      cwd,
      stdio: ['ignore', out, out],
      env: process.env,
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`yarn ${args.join(' ')} in ${cwd} exited ${code}`)),
    );
  });
}

/** Builds the packages (their declarations first, which the build needs); answers the seconds. */
async function buildPackages(logFile) {
  const out = fs.openSync(logFile, 'w');
  const started = Date.now();
  try {
    await run(['tsc'], root, out);
    for (const dir of BACKEND_PACKAGES) {
      await run(
        ['backstage-cli', 'package', 'build'],
        path.join(root, dir),
        out,
      );
    }
  } catch (error) {
    throw new Error(`${error.message}; log ${logFile}`);
  } finally {
    fs.closeSync(out);
  }
  return (Date.now() - started) / 1000;
}

module.exports = {
  BACKEND_PACKAGES,
  builtFile,
  buildPackages,
  fromSources,
  packagesBuildReason,
};
