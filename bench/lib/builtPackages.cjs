// Preloaded into the benchmarked backends (`node --require`): a require or import of one of our
// backend's workspace packages loads its built `dist`, as when the package is installed from npm,
// instead of its TypeScript source (packages.js).
const path = require('path');
const Module = require('module');
const { pathToFileURL } = require('url');
const { builtFile } = require('./packages');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveBuilt(request, ...rest) {
  return builtFile(request) ?? resolveFilename.call(this, request, ...rest);
};

// import() too (the backend's entry adds its plugins with import()), through a loader hook, which
// runs in the loader's own thread
Module.register(pathToFileURL(path.join(__dirname, 'builtPackagesHooks.mjs')));
