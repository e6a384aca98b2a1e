// Preloaded into the benchmarked backends (`node --require`): a require of one of our backend's
// workspace packages (packages.js) loads its built `dist` — `name` its index, `name/<entry>` that
// entry — as when the package is installed from npm, instead of its TypeScript source.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { pathToFileURL } = require('url');
const { BACKEND_PACKAGES } = require('./packages');

const root = path.resolve(__dirname, '..', '..');
const distByName = new Map(
  BACKEND_PACKAGES.map(dir => [
    JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'))
      .name,
    path.join(root, dir, 'dist'),
  ]),
);

/** The built file a request of one of the packages names, or undefined. */
function builtFile(request) {
  const match = /^(@[^/]+\/[^/]+)(?:\/(.+))?$/.exec(request);
  const dist = match && distByName.get(match[1]);
  if (!dist) return undefined;
  const file = path.join(dist, `${match[2] ?? 'index'}.cjs.js`);
  return fs.existsSync(file) ? file : undefined;
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveBuilt(request, ...rest) {
  return builtFile(request) ?? resolveFilename.call(this, request, ...rest);
};

// import() too (the backend's entry adds its plugins with import()): the same mapping as a loader
// hook, which runs in the loader's own thread and is given the packages' dist directories
Module.register(pathToFileURL(path.join(__dirname, 'builtPackagesHooks.mjs')), {
  data: Object.fromEntries(distByName),
});
