// Builds the frontend (packages/app/dist) with `yarn workspace app build`, unless the last build is
// newer than every source file that goes into it.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const appDist = path.join(root, 'packages/app/dist/index.html');

// Everything the frontend bundle is made of that this repository owns.
const inputs = [
  'packages/app/src',
  'packages/app/public',
  'packages/app/package.json',
  'plugins/service-delivery/src',
  'plugins/service-delivery/package.json',
  'plugins/service-delivery-common/src',
  'plugins/service-delivery-common/package.json',
  'yarn.lock',
];

function newestMtime(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return { mtime: 0, file };
  }
  if (!stat.isDirectory()) {
    return { mtime: stat.mtimeMs, file };
  }
  let newest = { mtime: 0, file };
  for (const entry of fs.readdirSync(file)) {
    const candidate = newestMtime(path.join(file, entry));
    if (candidate.mtime > newest.mtime) {
      newest = candidate;
    }
  }
  return newest;
}

/** Why the frontend needs building, or undefined when packages/app/dist is up to date. */
function buildReason() {
  let built;
  try {
    built = fs.statSync(appDist).mtimeMs;
  } catch {
    return 'packages/app/dist does not exist';
  }
  for (const input of inputs) {
    const newest = newestMtime(path.join(root, input));
    if (newest.mtime > built) {
      return `${path.relative(
        root,
        newest.file,
      )} is newer than packages/app/dist`;
    }
  }
  return undefined;
}

/**
 * Runs `yarn workspace app build` (backstage-cli package build), logging to logFile.
 * Resolves with the seconds it took; rejects with the log's tail when it fails.
 */
function buildApp({ logFile }) {
  const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
  const started = Date.now();
  const log = fs.openSync(logFile, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [yarn, 'workspace', 'app', 'build'], {
      cwd: root,
      stdio: ['ignore', log, log],
      env: process.env,
    });
    child.on('error', reject);
    child.on('exit', code => {
      fs.closeSync(log);
      const seconds = (Date.now() - started) / 1000;
      if (code === 0) {
        resolve(seconds);
      } else {
        const tail = fs
          .readFileSync(logFile, 'utf8')
          .split('\n')
          .slice(-40)
          .join('\n');
        reject(
          new Error(
            `yarn workspace app build failed (exit ${code}) after ${seconds.toFixed(
              0,
            )} s; log ${logFile}:\n${tail}`,
          ),
        );
      }
    });
  });
}

module.exports = { buildApp, buildReason };
