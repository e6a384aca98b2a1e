import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CostRecord,
  RecordProblem,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { converter, costCurrencyOf } from './cost';

/**
 * Cost records in another currency than their service's can only be counted with a rate between
 * the two: without one the record is refused at ingest, naming the record and the rate to add.
 * A service the catalog does not (yet) know keeps its costs in the organisation's currency.
 */
export async function costCurrencyProblems(
  records: CostRecord[],
  options: {
    catalog: CatalogService;
    credentials: BackstageCredentials;
    settings: ServiceDeliverySettings;
  },
): Promise<RecordProblem[]> {
  const { settings } = options;
  const refs = [...new Set(records.map(r => r.entityRef))];
  const entities = new Map<string, Entity | undefined>();
  if (refs.length > 0) {
    const { items } = await options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.serviceDelivery',
        ],
      },
      { credentials: options.credentials },
    );
    refs.forEach((ref, index) => entities.set(ref, items[index] ?? undefined));
  }
  const convert = converter(settings);
  const problems: RecordProblem[] = [];
  records.forEach((record, index) => {
    const target = costCurrencyOf(entities.get(record.entityRef), settings);
    if (convert(1, record.currency, target) !== undefined) return;
    const missing = [record.currency, target].filter(
      c => c !== settings.currency && !(settings.currencyRates ?? {})[c],
    );
    problems.push({
      index,
      path: 'currency',
      message: `is ${record.currency}, but ${
        record.entityRef
      } keeps its costs in ${target}; send ${target}, or configure serviceDelivery.currencyRates.${missing.join(
        ' and serviceDelivery.currencyRates.',
      )} (the value of one unit in ${settings.currency})`,
    });
  });
  return problems;
}
