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
 * changed something), of every retraction and of every pruning that deleted records (kind left
 * out), after its transaction committed. A failing listener never fails the write.
 */
export function withWriteListener(
  store: ServiceDeliveryStore,
  listener: (entityRefs: string[], kind?: RecordKind) => void,
): ServiceDeliveryStore {
  const tell = (entityRefs: string[], kind?: RecordKind) => {
    try {
      listener(entityRefs, kind);
    } catch {
      // the listener only schedules work; the records are written either way
    }
  };
  return decorateStore(store, {
    async ingest(kind, records, write) {
      const outcome = await store.ingest(kind, records, write);
      if (outcome.accepted + outcome.updated > 0) {
        tell([...new Set(records.map(record => record.entityRef))], kind);
      }
      return outcome;
    },
    async ingestCosts(records, unattributedRefs, write) {
      const outcome = await store.ingestCosts(records, unattributedRefs, write);
      if (outcome.attributed.accepted + outcome.attributed.updated > 0) {
        tell(
          [
            ...new Set(
              records
                .map(record => record.entityRef)
                .filter(ref => !unattributedRefs.has(ref)),
            ),
          ],
          'costs',
        );
      }
      return outcome;
    },
    async retract(options) {
      const entityRef = await store.retract(options);
      if (entityRef) tell([entityRef], options.kind);
      return entityRef;
    },
    async deleteEntityRecords(entityRefs, options) {
      const deleted = await store.deleteEntityRecords(entityRefs, options);
      if (deleted > 0) tell(entityRefs);
      return deleted;
    },
    async pruneBefore(earliest) {
      const pruned = await store.pruneBefore(earliest);
      if (pruned.size > 0) tell([...pruned.keys()]);
      return pruned;
    },
  });
}
