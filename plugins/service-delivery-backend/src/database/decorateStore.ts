import { RecordKind } from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliveryStore } from './ServiceDeliveryStore';

/**
 * A store that answers the given methods itself and passes every other call to `store`, so that a
 * decorator keeps working when the store gains methods.
 */
export function decorateStore(
  store: ServiceDeliveryStore,
  overrides: Partial<ServiceDeliveryStore>,
): ServiceDeliveryStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) {
        return (overrides as Record<PropertyKey, unknown>)[property];
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Calls `listener` with the entity references and kind of every batch the store accepted (one that
 * changed something), after its transaction committed. A failing listener never fails the ingest.
 */
export function observeIngest(
  store: ServiceDeliveryStore,
  listener: (entityRefs: string[], kind: RecordKind) => void,
): ServiceDeliveryStore {
  return decorateStore(store, {
    async ingest(kind, records) {
      const outcome = await store.ingest(kind, records);
      if (outcome.accepted + outcome.updated > 0) {
        try {
          listener([...new Set(records.map(record => record.entityRef))], kind);
        } catch {
          // the listener only schedules work; the records are stored either way
        }
      }
      return outcome;
    },
  });
}
