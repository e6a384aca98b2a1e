import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AvailabilityResponse,
  EntityServiceDeliveryResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { PeriodSpec, ServiceDeliveryApi } from './ServiceDeliveryApi';

/**
 * Talks to the Service Delivery backend at `/api/service-delivery/v1`.
 *
 * @public
 */
export class ServiceDeliveryClient implements ServiceDeliveryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntity(
    entityRef: CompoundEntityRef,
  ): Promise<EntityServiceDeliveryResponse> {
    return this.get(entityPath(entityRef));
  }

  async getSla(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<SlaResponse> {
    return this.get(`${entityPath(entityRef)}/sla`, { period });
  }

  async getAvailability(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<AvailabilityResponse> {
    return this.get(`${entityPath(entityRef)}/availability`, { period });
  }

  private async get<T>(
    path: string,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('service-delivery');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value) {
        params.set(key, value);
      }
    }
    const search = params.toString();
    const url = `${baseUrl}/v1/${path}${search ? `?${search}` : ''}`;
    const response = await this.fetchApi.fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `entities/{kind}/{namespace}/{name}`, the way the backend routes take an entity. */
function entityPath(entityRef: CompoundEntityRef): string {
  const kind = entityRef.kind.toLocaleLowerCase('en-US');
  const namespace = entityRef.namespace || 'default';
  return ['entities', kind, namespace, entityRef.name]
    .map(part => encodeURIComponent(part))
    .join('/');
}
