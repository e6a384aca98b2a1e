import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { recentResults } from '../recentResults';

const recentlySeen = recentResults<string, string>();

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
  // ingest batches name the same few entities thousands of times
  const key = `${defaultKind}\u0000${defaultNamespace}\u0000${ref}`;
  return recentlySeen(key, () =>
    canonicalOf(ref, defaultKind, defaultNamespace),
  );
}
