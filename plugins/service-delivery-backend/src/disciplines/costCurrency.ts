import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CostRecord,
  RecordProblem,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { principalKey } from './catalogGraph';
import { PerCallerMemo } from './perCallerMemo';
import { CostSettings, converter, costCurrencyOf } from './cost';

/**
 * Each entity's cost currency as a caller's catalog shows it, kept for a short while (60 s by
 * default) so that a stream of cost batches does not ask the catalog about the same services
 * again and again. Entities the catalog does not know are asked about every time: they may appear
 * in it any moment.
 *
 * A service principal (an outside tool's static token) is looked up with the plugin's own
 * credentials, as Backstage itself does for an unrestricted token: a token whose
 * `accessRestrictions` name only this plugin may not call the catalog itself.
 */
export class CostCurrencies {
  private readonly cache: PerCallerMemo<string>;

  constructor(
    private readonly options: {
      catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
      settings: CostSettings;
      /** without it every lookup goes with the caller's credentials */
      auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
      ttlMs?: number;
      maxEntries?: number;
      now?: () => number;
    },
  ) {
    this.cache = new PerCallerMemo({
      ttlMs: options.ttlMs ?? 60_000,
      maxEntries: options.maxEntries ?? 100_000,
      now: options.now ?? Date.now,
    });
  }

  /** The currency each of `refs` keeps its costs in; the organisation's for one the catalog lacks. */
  async of(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const caller = principalKey(credentials);
    const currencies = new Map<string, string>();
    const missing: string[] = [];
    for (const ref of new Set(refs)) {
      const cached = this.cache.get(caller, ref);
      if (cached !== undefined) {
        currencies.set(ref, cached);
      } else {
        missing.push(ref);
      }
    }
    if (missing.length === 0) return currencies;

    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: missing,
        // the currency alone: a whole declaration is a kilobyte or more, for thousands of services
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.serviceDelivery.cost.currency',
        ],
      },
      {
        credentials:
          isServicePrincipal(credentials) && this.options.auth
            ? await this.options.auth.getOwnServiceCredentials()
            : credentials,
      },
    );
    missing.forEach((ref, index) => {
      const entity: Entity | undefined = items[index] ?? undefined;
      const currency = costCurrencyOf(entity, this.options.settings);
      currencies.set(ref, currency);
      if (entity) this.cache.set(caller, ref, currency);
    });
    return currencies;
  }
}

/**
 * Cost records in another currency than their service's can only be counted with a rate between
 * the two: without one the record is refused at ingest, naming the record and the rate to add.
 * A service the catalog does not (yet) know keeps its costs in the organisation's currency.
 */
export async function costCurrencyProblems(
  records: CostRecord[],
  options: {
    currencies: CostCurrencies;
    credentials: BackstageCredentials;
    settings: ServiceDeliverySettings;
  },
): Promise<RecordProblem[]> {
  const { settings } = options;
  const currencies = await options.currencies.of(
    records.map(r => r.entityRef),
    options.credentials,
  );
  const convert = converter(settings);
  const problems: RecordProblem[] = [];
  records.forEach((record, index) => {
    const target = currencies.get(record.entityRef) ?? settings.currency;
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

function isServicePrincipal(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'service';
}
