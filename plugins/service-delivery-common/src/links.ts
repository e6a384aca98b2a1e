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

/**
 * The schemes a link in `spec.serviceDelivery` (an agreement's `document`, a continuity `plan`)
 * may have. Anything else (`javascript:`, `data:`, `file:`) is a validation problem, and the
 * frontend does not render it as a link.
 *
 * @public
 */
export const linkSchemes: readonly string[] = ['http', 'https', 'mailto'];

/**
 * Whether `value` is an absolute URL with one of the {@link linkSchemes}, read as a browser reads
 * an `href` (so ` javascript:` and `java\tscript:` are recognised for what they are).
 *
 * @public
 */
export function isAllowedLink(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return linkSchemes.includes(url.protocol.slice(0, -1));
}
