// The loader hook of builtPackages.cjs: an import() of one of our backend's workspace packages
// loads its built `dist`.
import { pathToFileURL } from 'url';
import packages from './packages.js';

export async function resolve(specifier, context, nextResolve) {
  const file = packages.builtFile(specifier);
  return file
    ? { url: pathToFileURL(file).href, format: 'commonjs', shortCircuit: true }
    : nextResolve(specifier, context);
}
