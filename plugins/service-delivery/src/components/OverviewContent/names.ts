import { parseEntityRef } from '@backstage/catalog-model';

/** `payments` for `group:default/payments`; the namespace shows outside the default one. */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
