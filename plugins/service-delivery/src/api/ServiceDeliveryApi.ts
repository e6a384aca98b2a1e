import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  AvailabilityResponse,
  EntityServiceDeliveryResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * A period as the API takes it: `YYYY-MM`, `YYYY-Qn`, `rolling-28d` or `rolling-30d`. Leaving it out
 * asks for the current period of the kind each agreement declares.
 *
 * @public
 */
export type PeriodSpec = string;

/**
 * Reads what the Service Delivery backend computes for an entity.
 *
 * @public
 */
export interface ServiceDeliveryApi {
  /** The declared `spec.serviceDelivery` metadata and its validation problems. */
  getEntity(
    entityRef: CompoundEntityRef,
  ): Promise<EntityServiceDeliveryResponse>;
  /** Agreements, objectives, error budgets and support targets for a period. */
  getSla(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<SlaResponse>;
  /** Availability, its history and outage analysis, and the composite ceiling for a period. */
  getAvailability(
    entityRef: CompoundEntityRef,
    period?: PeriodSpec,
  ): Promise<AvailabilityResponse>;
}

/** @public */
export const serviceDeliveryApiRef = createApiRef<ServiceDeliveryApi>({
  id: 'plugin.service-delivery.service',
});
