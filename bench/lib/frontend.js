// The frontend the pages are measured with: packages/app/dist, built when its inputs are newer.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..', '..');

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

module.exports = { appDist, buildReason, buildApp, newestMtime };
