import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DependencyList, useMemo } from 'react';
import { ServiceDeliveryApi, serviceDeliveryApiRef } from '../../../api';
import { useRequest } from '../../../useRequest';

/** One answer of the Service Delivery API about the current entity, as it loads. */
export type ServiceDeliveryResource<T> = {
  entityRef: CompoundEntityRef;
  /** The entity declares what the answer is about; when it does not, nothing is asked. */
  declared: boolean;
  loading: boolean;
  error?: Error;
  value?: T;
};

/**
 * Asks the Service Delivery API about the current entity, and asks again when the entity or one of
 * `deps` changes.
 */
export function useServiceDeliveryResource<T>(
  load: (api: ServiceDeliveryApi, entityRef: CompoundEntityRef) => Promise<T>,
  deps: DependencyList,
  options: { declared?: boolean } = {},
): ServiceDeliveryResource<T> {
  const { declared = true } = options;
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const { value, loading, error } = useRequest(
    async () => (declared ? load(api, entityRef) : undefined),
    // `load` is a new function on every render: what it reads is in `deps`
    [api, entityRef, declared, ...deps],
  );
  return { entityRef, declared, loading, error, value };
}
