import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { EntityLike } from './types';

/** `kind:namespace/name`, lower-case kind, as Backstage's `stringifyEntityRef` writes it. */
export function entityRefOf(entity: EntityLike): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${
    entity.metadata.name
  }`;
}

/**
 * A full reference from a short one (`payments`, `group:payments`, `resource:default/db`) as the
 * catalog would resolve it from inside `context`.
 */
export function resolveRef(
  ref: string,
  defaultKind: string,
  context?: EntityLike,
): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) {
    return ref;
  }
  const kind = (match[1] ?? defaultKind).toLocaleLowerCase('en-US');
  const namespace = match[2] ?? context?.metadata.namespace ?? 'default';
  return `${kind}:${namespace}/${match[3]}`;
}

/**
 * The default examples folder: the nearest `examples/all.yaml` above the working directory (the
 * repository root, or any package in it), else the one next to this package's source.
 */
export function defaultExamplesDir(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'examples', 'all.yaml'))) {
      return path.join(dir, 'examples');
    }
    if (path.dirname(dir) === dir) {
      break;
    }
  }
  // only meaningful when running from the source tree, which is the only way this package is used
  // eslint-disable-next-line no-restricted-syntax
  return path.resolve(__dirname, '../../../examples');
}

/** Placeholders the catalog's PlaceholderProcessor knows, resolved the same way for local files. */
function resolvePlaceholders(value: unknown, baseDir: string): unknown {
  if (Array.isArray(value)) {
    return value.map(item => resolvePlaceholders(item, baseDir));
  }
  if (!value || typeof value !== 'object') {
    return value;
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const target = record[keys[0]];
    if (
      typeof target === 'string' &&
      ['$yaml', '$json', '$text'].includes(keys[0])
    ) {
      const file = path.resolve(baseDir, target);
      const text = fs.readFileSync(file, 'utf8');
      if (keys[0] === '$text') {
        return text;
      }
      if (keys[0] === '$json') {
        return JSON.parse(text);
      }
      const docs = parseAllDocuments(text);
      if (docs.length !== 1) {
        throw new Error(
          `${file}: a $yaml placeholder needs exactly one document, found ${docs.length}`,
        );
      }
      if (docs[0].errors.length) {
        throw new Error(`${file}: ${docs[0].errors[0].message}`);
      }
      return docs[0].toJSON();
    }
    return value;
  }
  return Object.fromEntries(
    keys.map(key => [key, resolvePlaceholders(record[key], baseDir)]),
  );
}

/** Every entity document of one YAML file, placeholders resolved. */
export function readEntityFile(file: string): EntityLike[] {
  const text = fs.readFileSync(file, 'utf8');
  const entities: EntityLike[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    const data = doc.toJSON();
    if (data === null || data === undefined) {
      continue;
    }
    entities.push(resolvePlaceholders(data, path.dirname(file)) as EntityLike);
  }
  return entities;
}

export interface LoadOptions {
  /** keep the Location entities (default false) */
  includeLocations?: boolean;
}

/**
 * The demo organisation's entities. Starts at `<dir>/all.yaml` and follows Location targets
 * (relative file paths, as the catalog does for `file` locations); resolves `$yaml`, `$json` and
 * `$text` placeholders relative to the file that holds them. Without `all.yaml`, reads every
 * `*.yaml` file directly in `dir`.
 */
export function loadExampleEntities(
  dir: string = defaultExamplesDir(),
  options: LoadOptions = {},
): EntityLike[] {
  const root = path.resolve(dir);
  const start = path.join(root, 'all.yaml');
  const queue = fs.existsSync(start)
    ? [start]
    : fs
        .readdirSync(root)
        .filter(f => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
        .map(f => path.join(root, f));
  const seenFiles = new Set<string>();
  const seenRefs = new Set<string>();
  const result: EntityLike[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seenFiles.has(file)) {
      continue;
    }
    seenFiles.add(file);
    for (const entity of readEntityFile(file)) {
      if (entity.kind === 'Location') {
        const spec = entity.spec ?? {};
        const targets: string[] = [
          ...(spec.target ? [spec.target] : []),
          ...(Array.isArray(spec.targets) ? spec.targets : []),
        ];
        for (const target of targets) {
          if (!/^[a-z]+:\/\//i.test(target)) {
            queue.push(path.resolve(path.dirname(file), target));
          }
        }
        if (!options.includeLocations) {
          continue;
        }
      }
      const ref = entityRefOf(entity);
      if (!seenRefs.has(ref)) {
        seenRefs.add(ref);
        result.push(entity);
      }
    }
  }
  return result;
}
