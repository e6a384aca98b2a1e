import {
  ValidationProblem,
  isServiceDeliveryEntityKind,
  validateEntityServiceDelivery,
  validateServiceDeliveryConfig,
} from '@service-delivery/plugin-service-delivery-common';
import {
  readYamlPlaceholderFile,
  YamlPlaceholderError,
} from '@service-delivery/plugin-service-delivery-node';
import { promises as fs } from 'fs';
import yaml from 'yaml';

/** One problem found in one file. */
export type FileProblem = { file: string; path: string; message: string };

async function readYamlDocuments(
  file: string,
): Promise<{ documents: unknown[]; problems: FileProblem[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return {
      documents: [],
      problems: [{ file, path: '', message: `cannot be read: ${error}` }],
    };
  }
  const documents: unknown[] = [];
  const problems: FileProblem[] = [];
  yaml.parseAllDocuments(text).forEach((document, index) => {
    if ('errors' in document && document.errors.length > 0) {
      for (const error of document.errors) {
        problems.push({
          file,
          path: `document ${index + 1}`,
          message: `is not valid YAML: ${error.message.split('\n')[0]}`,
        });
      }
      return;
    }
    documents.push(document.toJSON());
  });
  return { documents, problems };
}

/**
 * Resolves `serviceDelivery: { $yaml: ./file.yaml }` as the catalog does for a local file, with the
 * same function: inside the file's folder by real path, at most 256 KiB, one YAML document.
 */
async function inlineServiceDelivery(
  file: string,
  where: string,
  value: unknown,
): Promise<{ value: unknown; problems: FileProblem[] }> {
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.keys(value).length !== 1 ||
    typeof (value as { $yaml?: unknown }).$yaml !== 'string'
  ) {
    return { value, problems: [] };
  }
  const reference = (value as { $yaml: string }).$yaml;
  const problem = (message: string) => ({
    value: undefined,
    problems: [{ file, path: `${where}: spec.serviceDelivery.$yaml`, message }],
  });
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) {
    return problem(
      `names a URL, which only the catalog reads; validate that file on its own`,
    );
  }
  try {
    return {
      value: await readYamlPlaceholderFile(file, reference),
      problems: [],
    };
  } catch (error) {
    if (error instanceof YamlPlaceholderError) {
      return problem(error.message);
    }
    throw error;
  }
}

/** Reads the tiers an app-config defines, to check `tier` against them. */
export async function readTiers(
  configFile: string,
): Promise<{ tiers?: string[]; problems: FileProblem[] }> {
  const { documents, problems } = await readYamlDocuments(configFile);
  if (problems.length > 0) return { problems };
  const section = (documents[0] as { serviceDelivery?: unknown } | undefined)
    ?.serviceDelivery;
  const configProblems = validateServiceDeliveryConfig(section ?? {}).map(
    (p: ValidationProblem) => ({ file: configFile, ...p }),
  );
  const tiers = Object.keys(
    (section as { tiers?: Record<string, unknown> } | undefined)?.tiers ?? {},
  );
  return { tiers, problems: configProblems };
}

/** A catalog entity as read from a file. */
export type CatalogFileEntity = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [field: string]: unknown };
  spec: Record<string, unknown>;
};

/** An entity of a catalog file that declares `spec.serviceDelivery`, `$yaml` references inlined. */
export type DeclaringEntity = {
  file: string;
  /** `kind:name`, as problems name it */
  where: string;
  entity: CatalogFileEntity;
};

/**
 * Reads the Components, Systems and Resources that declare `spec.serviceDelivery` in catalog files
 * (multi-document YAML), following `$yaml` references as the catalog does.
 */
export async function readDeclaringEntities(
  files: string[],
): Promise<{ entities: DeclaringEntity[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const entities: DeclaringEntity[] = [];
  for (const file of files) {
    const read = await readYamlDocuments(file);
    problems.push(...read.problems);
    for (const document of read.documents) {
      if (!document || typeof document !== 'object') continue;
      const entity = document as {
        apiVersion?: unknown;
        kind?: unknown;
        metadata?: Record<string, unknown>;
        spec?: Record<string, unknown>;
      };
      if (
        typeof entity.kind !== 'string' ||
        !isServiceDeliveryEntityKind(entity.kind) ||
        !entity.spec ||
        entity.spec.serviceDelivery === undefined
      ) {
        continue;
      }
      const name = String(entity.metadata?.name ?? '?');
      const where = `${entity.kind.toLocaleLowerCase('en-US')}:${name}`;
      const inlined = await inlineServiceDelivery(
        file,
        where,
        entity.spec.serviceDelivery,
      );
      problems.push(...inlined.problems);
      if (inlined.problems.length > 0) continue;
      entities.push({
        file,
        where,
        entity: {
          apiVersion:
            typeof entity.apiVersion === 'string'
              ? entity.apiVersion
              : 'backstage.io/v1alpha1',
          kind: entity.kind,
          metadata: { ...entity.metadata, name },
          spec: { ...entity.spec, serviceDelivery: inlined.value },
        },
      });
    }
  }
  return { entities, problems };
}

/** Validates `spec.serviceDelivery` of every entity in the given catalog files. */
export async function validateFiles(
  files: string[],
  options: { tiers?: string[] } = {},
): Promise<{ problems: FileProblem[]; entities: number }> {
  const { entities, problems } = await readDeclaringEntities(files);
  for (const { file, where, entity } of entities) {
    const found = validateEntityServiceDelivery(
      {
        ...entity,
        metadata: { name: entity.metadata.name },
      } as Parameters<typeof validateEntityServiceDelivery>[0],
      { tiers: options.tiers },
    );
    for (const problem of found) {
      problems.push({
        file,
        path: `${where}: ${problem.path}`,
        message: problem.message,
      });
    }
  }
  return { problems, entities: entities.length };
}
