import { parseEntityRef } from '@backstage/catalog-model';
import { ServiceDeliveryTab } from './overview';

/**
 * The frontend path of an entity's page, or of one of its Service Delivery tabs:
 * `/catalog/default/component/payments-api/sla`. The entity page's overview shows the metadata
 * problems card, so `overview` is the page itself.
 *
 * @public
 */
export function entityTabPath(
  entityRef: string,
  tab: ServiceDeliveryTab = 'overview',
): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const page = ['catalog', namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/');
  return tab === 'overview' ? `/${page}` : `/${page}/${tab}`;
}

/**
 * The `name` of an entity reference, for sentences: `payments-api` for
 * `component:default/payments-api`, `billing/payments-api` outside the default namespace.
 *
 * @public
 */
export function entityDisplayName(entityRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(entityRef);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return entityRef;
  }
}
