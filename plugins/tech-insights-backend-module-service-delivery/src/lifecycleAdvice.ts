import { RootConfigService } from '@backstage/backend-plugin-api';
import { SERVICE_DELIVERY_FACT_RETRIEVER_ID } from './serviceDeliveryFactRetriever';

/**
 * Why the retriever's `lifecycle` should be `timeToLive` on PostgreSQL, or undefined when it is.
 *
 * Tech Insights trims a `maxItems` lifecycle with one statement that ranks every stored fact. On
 * PostgreSQL, when its facts table has no statistics yet (a new install: the first run that stores
 * anything), that statement's time grows with the cube of the facts stored, the database server
 * busy all along; `timeToLive` deletes by the `(id, timestamp)` index. The README's Tech Insights
 * section has the measured times.
 */
export function lifecycleAdvice(config: RootConfigService): string | undefined {
  const retriever = `techInsights.factRetrievers.${SERVICE_DELIVERY_FACT_RETRIEVER_ID}`;
  const maxItems = config.getOptionalNumber(`${retriever}.lifecycle.maxItems`);
  if (maxItems === undefined) return undefined;
  const client =
    config.getOptionalString('backend.database.plugin.tech-insights.client') ??
    config.getOptionalString('backend.database.client');
  if (client !== 'pg') return undefined;
  return (
    `${retriever}.lifecycle is { maxItems: ${maxItems} }: on PostgreSQL, Tech Insights' first ` +
    'trim of a new facts table takes minutes at a thousand services and days at ten thousand, ' +
    'the database busy all along. Use { timeToLive: { days: 2 } } with an hourly cadence instead.'
  );
}
