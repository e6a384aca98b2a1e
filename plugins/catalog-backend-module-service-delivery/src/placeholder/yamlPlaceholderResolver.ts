import { PlaceholderResolverParams } from '@backstage/plugin-catalog-node';
import { processingResult } from '@backstage/plugin-catalog-node';
import { JsonValue } from '@backstage/types';
import {
  parseYamlPlaceholder,
  readYamlPlaceholderFile,
  YamlPlaceholderError,
} from '@service-delivery/plugin-service-delivery-node';
import path from 'path';

/**
 * A `$yaml` placeholder resolver that, besides URLs, also reads files next to an entity that
 * came from a local `file` location (Backstage's own resolver only forms URLs), so that
 * `serviceDelivery: { $yaml: ./service-delivery.yaml }` works the same in a local catalog.
 * A local reference must stay inside the folder of the file that makes it, by its real path
 * (a symbolic link out of it is refused); any `$yaml` file may hold at most 256 KiB.
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

  try {
    if (path.isAbsolute(baseUrl) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      return (await readYamlPlaceholderFile(baseUrl, value)) as JsonValue;
    }
    const url = params.resolveUrl(value, baseUrl);
    let content: Buffer;
    try {
      content = await params.read(url);
    } catch (error) {
      throw new Error(`Placeholder $${key} could not read ${url}, ${error}`);
    }
    params.emit(processingResult.refresh(`url:${url}`));
    return parseYamlPlaceholder(content, url) as JsonValue;
  } catch (error) {
    if (error instanceof YamlPlaceholderError) {
      throw new Error(`Placeholder $${key}: ${error.message}`);
    }
    throw error;
  }
}
