import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const PART = /^[A-Za-z0-9][A-Za-z0-9._\-]*$/;

/** Reads `{kind}/{namespace}/{name}` route parameters into an entity reference. */
export function entityRefFromParams(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): { compound: CompoundEntityRef; ref: string } {
  for (const part of ['kind', 'namespace', 'name'] as const) {
    const value = params[part];
    if (!value || !PART.test(value)) {
      throw new InputError(
        `Invalid entity ${part} '${
          value ?? ''
        }' in the path: expected /{kind}/{namespace}/{name}`,
      );
    }
  }
  const compound = {
    kind: params.kind!.toLocaleLowerCase('en-US'),
    namespace: params.namespace!.toLocaleLowerCase('en-US'),
    name: params.name!,
  };
  return { compound, ref: stringifyEntityRef(compound) };
}
