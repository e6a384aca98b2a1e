// The loader hook of builtPackages.cjs: an import() of one of our backend's workspace packages loads
// its built `dist`.
import { existsSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';

let distByName = new Map();

export function initialize(data) {
  distByName = new Map(Object.entries(data));
}

export async function resolve(specifier, context, nextResolve) {
  const match = /^(@[^/]+\/[^/]+)(?:\/(.+))?$/.exec(specifier);
  const dist = match && distByName.get(match[1]);
  if (dist) {
    const file = join(dist, `${match[2] ?? 'index'}.cjs.js`);
    if (existsSync(file)) {
      return {
        url: pathToFileURL(file).href,
        format: 'commonjs',
        shortCircuit: true,
      };
    }
  }
  return nextResolve(specifier, context);
}
