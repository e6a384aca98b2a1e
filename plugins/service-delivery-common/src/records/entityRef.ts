import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { recentResults } from '../recentResults';

/** References read with the usual defaults, by the text as written. */
const recentlySeen = recentResults<string, string>();
/** References read with other defaults, by the defaults and the text. */
const recentlySeenWithDefaults = recentResults<string, string>();

function canonicalOf(
  ref: string | CompoundEntityRef,
  defaultKind: string,
  defaultNamespace: string,
): string {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace,
  });
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The form in which records carry entity references: lower-case `kind:namespace/name`. Records may
 * be sent with short references (`payments`, `resource:payments-db`): the kind defaults to
 * `component` and the namespace to `default`. Compare an entity from the catalog with records
 * through this function too, since the catalog keeps the case its authors wrote.
 *
 * @throws TypeError when `ref` is not an entity reference
 * @public
 */
export function canonicalEntityRef(
  ref: string | CompoundEntityRef,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  const defaultKind = defaults.defaultKind ?? 'component';
  const defaultNamespace = defaults.defaultNamespace ?? 'default';
  if (typeof ref !== 'string') {
    return canonicalOf(ref, defaultKind, defaultNamespace);
  }
  const compute = () => canonicalOf(ref, defaultKind, defaultNamespace);
  // ingest batches name the same few entities thousands of times, with the usual defaults: keyed
  // by the reference alone, no key is built for each record
  if (defaultKind === 'component' && defaultNamespace === 'default') {
    return recentlySeen(ref, compute);
  }
  return recentlySeenWithDefaults(
    `${defaultKind}\u0000${defaultNamespace}\u0000${ref}`,
    compute,
  );
}
