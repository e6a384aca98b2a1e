import {
  CostRecord,
  DrTestRecord,
} from '@service-delivery/plugin-service-delivery-common';
import { decorateStore } from '../database/decorateStore';
import {
  ServiceDeliveryStore,
  TimeRange,
} from '../database/ServiceDeliveryStore';

/** How far back and ahead of now the measured data of a batch is loaded at once. */
export type PrefetchWindow = {
  incidents: TimeRange;
  costs: { fromMonth: string; toMonth: string };
};

const DAY = 24 * 3600 * 1000;

/**
 * What the disciplines read for their current figures: incidents of the past 13 months and more (a
 * year of outages for the expected loss), and costs of the past 13 months.
 */
export function prefetchWindow(now: number): PrefetchWindow {
  const month = (offset: number) => {
    const date = new Date(now);
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + offset);
    return date.toISOString().slice(0, 7);
  };
  return {
    incidents: { from: now - 420 * DAY, to: now + DAY },
    costs: { fromMonth: month(-13), toMonth: month(1) },
  };
}

function groupByRef<T extends { entityRef: string }>(records: T[]) {
  const map = new Map<string, T[]>();
  for (const record of records) {
    const list = map.get(record.entityRef);
    if (list) list.push(record);
    else map.set(record.entityRef, [record]);
  }
  return map;
}

function within(range: TimeRange, outer: TimeRange) {
  return range.from >= outer.from && range.to <= outer.to;
}

const cmp = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/**
 * Loads the incidents, costs and DR tests of many entities with a query each, and answers the
 * disciplines' reads of them from memory — the same records in the same order as the store would.
 * Incidents are loaded for `incidentRefs` (the entities and what they depend on), costs and DR
 * tests for `entityRefs`. Every other read goes to the store.
 */
export async function prefetchedStore(
  store: ServiceDeliveryStore,
  options: {
    entityRefs: string[];
    incidentRefs?: string[];
    /** the entities whose costs and DR tests are read (all of `entityRefs` by default) */
    costAndTestRefs?: string[];
    window: PrefetchWindow;
  },
): Promise<ServiceDeliveryStore> {
  const { entityRefs, window } = options;
  const incidentRefs = options.incidentRefs ?? entityRefs;
  const costAndTestRefs = options.costAndTestRefs ?? entityRefs;
  const withIncidents = new Set(incidentRefs);
  const own = new Set(entityRefs);
  const withCostsAndTests = new Set(costAndTestRefs);
  const [incidents, costs, drTests, corrections] = await Promise.all([
    store.listIncidents({ entityRefs: incidentRefs, range: window.incidents }),
    costAndTestRefs.length > 0
      ? store.listCosts({ entityRefs: costAndTestRefs, ...window.costs })
      : [],
    costAndTestRefs.length > 0
      ? store.listDrTests({ entityRefs: costAndTestRefs })
      : [],
    store.listCorrections({ entityRefs }),
  ]);
  // each incident's interval, parsed once: thousands of composites read the same platforms
  const spans = new Map(
    incidents.map(incident => [
      incident,
      {
        start: Date.parse(incident.startedAt),
        end:
          incident.resolvedAt === null
            ? Infinity
            : Date.parse(incident.resolvedAt),
      },
    ]),
  );
  const incidentsByRef = groupByRef(incidents);
  const costsByRef = groupByRef(costs);
  const drTestsByRef = groupByRef(drTests);
  const correctionsByRef = groupByRef(corrections);
  const loaded = (set: Set<string>, refs: string[]) =>
    refs.every(ref => set.has(ref));
  const gather = <T>(byRef: Map<string, T[]>, refs: string[]) =>
    [...new Set(refs)].flatMap(ref => byRef.get(ref) ?? []);

  return decorateStore(store, {
    async listIncidents(query) {
      const { range } = query;
      if (
        !loaded(withIncidents, query.entityRefs) ||
        !within(range, window.incidents)
      ) {
        return store.listIncidents(query);
      }
      const found = gather(incidentsByRef, query.entityRefs).filter(
        incident => {
          const span = spans.get(incident)!;
          return span.start < range.to && span.end > range.from;
        },
      );
      // each entity's incidents come sorted from the store; several are merged
      return new Set(query.entityRefs).size > 1
        ? found.sort(
            (a, b) =>
              spans.get(a)!.start - spans.get(b)!.start || cmp(a.id, b.id),
          )
        : found;
    },

    async listCosts(query) {
      if (
        !loaded(withCostsAndTests, query.entityRefs) ||
        query.fromMonth < window.costs.fromMonth ||
        query.toMonth > window.costs.toMonth
      ) {
        return store.listCosts(query);
      }
      return gather(costsByRef, query.entityRefs)
        .filter(
          line =>
            line.periodStart >= query.fromMonth &&
            line.periodStart <= query.toMonth,
        )
        .sort(
          (a: CostRecord, b: CostRecord) =>
            cmp(a.periodStart, b.periodStart) || cmp(a.category, b.category),
        );
    },

    async listCorrections(query) {
      if (!loaded(own, query.entityRefs)) return store.listCorrections(query);
      return gather(correctionsByRef, query.entityRefs).sort(
        (a, b) => cmp(a.source, b.source) || cmp(a.id, b.id),
      );
    },

    async listDrTests(query) {
      if (!loaded(withCostsAndTests, query.entityRefs)) {
        return store.listDrTests(query);
      }
      return gather(drTestsByRef, query.entityRefs).sort(
        (a: DrTestRecord, b: DrTestRecord) =>
          Date.parse(b.performedAt) - Date.parse(a.performedAt),
      );
    },
  });
}
