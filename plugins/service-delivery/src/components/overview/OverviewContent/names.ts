import { entityDisplayName } from '@service-delivery/plugin-service-delivery-common';
import { PLACEHOLDER } from '../../../format';

/** `payments` for `group:default/payments`; the namespace shows outside the default one. */
export function shortRef(ref: string | null | undefined): string {
  return ref ? entityDisplayName(ref) : PLACEHOLDER;
}
