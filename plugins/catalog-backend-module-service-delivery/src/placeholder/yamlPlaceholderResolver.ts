import { PlaceholderResolverParams } from '@backstage/plugin-catalog-node';
import { processingResult } from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';
import { promises as fs } from 'fs';
import path from 'path';
import yaml from 'yaml';

/**
 * A `$yaml` placeholder resolver that, besides URLs, also reads files next to an entity that
 * came from a local `file` location (Backstage's own resolver only forms URLs), so that
 * `serviceDelivery: { $yaml: ./service-delivery.yaml }` works the same in a local catalog.
 * A local reference must stay inside the directory of the file that makes it.
 */
export async function yamlPlaceholderResolver(
  params: PlaceholderResolverParams,
): Promise<JsonValue> {
  const { key, value, baseUrl } = params;
  if (typeof value !== 'string') {
    throw new Error(
      `Placeholder $${key} expected a string: an absolute URL or a relative path`,
    );
  }

  let content: string;
  if (path.isAbsolute(baseUrl) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const directory = path.dirname(baseUrl);
    const file = path.resolve(directory, value);
    if (!file.startsWith(directory + path.sep)) {
      throw new Error(
        `Placeholder $${key} may only reference files inside ${directory}, not ${value}`,
      );
    }
    try {
      content = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`Placeholder $${key} could not read ${file}, ${error}`);
    }
  } else {
    const url = params.resolveUrl(value, baseUrl);
    try {
      content = (await params.read(url)).toString('utf8');
    } catch (error) {
      throw new Error(`Placeholder $${key} could not read ${url}, ${error}`);
    }
    params.emit(processingResult.refresh(`url:${url}`));
  }

  const documents = yaml.parseAllDocuments(content);
  if (!Array.isArray(documents) || documents.length !== 1) {
    throw new Error(
      `Placeholder $${key} expected exactly one YAML document in ${value}`,
    );
  }
  const [document] = documents;
  if (document.errors.length > 0) {
    throw new Error(
      `Placeholder $${key} found invalid YAML in ${value}: ${document.errors[0].message}`,
    );
  }
  return document.toJSON();
}
