import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';

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
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind: defaults.defaultKind ?? 'component',
    defaultNamespace: defaults.defaultNamespace ?? 'default',
  });
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}
