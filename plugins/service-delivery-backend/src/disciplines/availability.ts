import { Entity } from '@backstage/catalog-model';
import {
  AvailabilityResponse,
  CompositeNode,
  ValidationProblem,
  agreedServiceWindows,
  availabilityErrorBudget,
  compositeAvailability,
  isTargetAchievable,
  outageAnalysis,
  periodAvailability,
  previousPeriods,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import {
  agreedAvailability,
  declaredServiceDelivery,
  periodKindOf,
  recordRef,
  serviceHoursOf,
  timezoneOf,
} from './declared';
import { DependencyClosure } from './dependencyGraph';
import {
  MeasuredData,
  incidentSummaries,
  periodFor,
  periodView,
} from './serviceLevel';

const HISTORY_PERIODS = 12;

/**
 * Each dependency's availability for the composite: measured in the period when it had incidents
 * in it, else what it agrees to (its availability target or its tier's).
 */
export async function compositeGraph(options: {
  closure: DependencyClosure;
  period: { start: number; end: number; elapsedEnd: number };
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  /**
   * Measured availabilities to reuse, by entity and period; filled in as entities are measured (the
   * overview composes thousands of services over the same shared platforms)
   */
  measured?: Map<string, number | undefined>;
}) {
  const { closure, period, store, settings } = options;
  const refs = [...closure.entities.keys()].filter(r => r !== closure.root);
  const incidents = await store.listIncidents({
    entityRefs: refs,
    range: { from: period.start, to: period.elapsedEnd },
  });
  const incidentsByRef = new Map<string, typeof incidents>();
  for (const incident of incidents) {
    const list = incidentsByRef.get(incident.entityRef) ?? [];
    list.push(incident);
    incidentsByRef.set(incident.entityRef, list);
  }

  const graph = new Map<string, CompositeNode>();
  const basis = new Map<string, 'agreed' | 'measured' | 'unknown'>();
  for (const [ref, entity] of closure.entities) {
    const spec = declaredServiceDelivery(entity);
    const edges = closure.edges.get(ref) ?? { dependsOn: [], redundancy: [] };
    let availability: number | undefined;
    const own = incidentsByRef.get(ref);
    if (ref !== closure.root && own && own.length > 0) {
      const key = `${ref}@${period.start}/${period.elapsedEnd}`;
      if (options.measured?.has(key)) {
        availability = options.measured.get(key);
      } else {
        try {
          availability =
            periodAvailability({
              serviceHours: serviceHoursOf(spec),
              incidents: own,
              period,
              partialOutageWeight: settings.partialOutageWeight,
            }).availability ?? undefined;
        } catch {
          availability = undefined;
        }
        options.measured?.set(key, availability);
      }
      if (availability !== undefined) basis.set(ref, 'measured');
    }
    if (availability === undefined) {
      availability = agreedAvailability(spec, settings.tiers)?.target;
      basis.set(ref, availability === undefined ? 'unknown' : 'agreed');
    }
    graph.set(ref, {
      availability,
      dependsOn: edges.dependsOn,
      redundancy: edges.redundancy.map(anyOf => ({ anyOf })),
    });
  }
  return { graph, basis };
}

/** GET /entities/{ref}/availability */
export async function availabilityReport(options: {
  entity: Entity;
  period?: string;
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  closure: DependencyClosure;
  problems: ValidationProblem[];
}): Promise<AvailabilityResponse> {
  const { entity, now, store, settings } = options;
  const spec = declaredServiceDelivery(entity);
  const timezone = timezoneOf(spec);
  const serviceHours = serviceHoursOf(spec);
  const agreed = agreedAvailability(spec, settings.tiers);
  const period = periodFor(
    options.period,
    periodKindOf(agreed?.agreement),
    timezone,
    now,
  );
  const history = [...previousPeriods(period, HISTORY_PERIODS), period];
  const data = new MeasuredData(store, recordRef(entity), {
    from: history[0].start,
    to: period.elapsedEnd,
  });

  const measure = async (p: typeof period) =>
    periodAvailability({
      serviceHours,
      incidents: await data.incidentsIn(p.start, p.elapsedEnd),
      period: p,
      partialOutageWeight: settings.partialOutageWeight,
    });

  const current = await measure(period);
  const incidents = await data.incidentsIn(period.start, period.elapsedEnd);
  const budget =
    agreed &&
    availabilityErrorBudget({
      target: agreed.target,
      agreedServiceTime: current.periodAgreedServiceTime,
      elapsedAgreedServiceTime: current.agreedServiceTime,
      downtime: current.downtime.downtimeSeconds,
    });

  const { graph, basis } = await compositeGraph({
    closure: options.closure,
    period,
    store,
    settings,
  });
  const composite = compositeAvailability(options.closure.root, graph);
  const hasDependencies =
    (options.closure.edges.get(options.closure.root)?.dependsOn.length ?? 0) >
    0;

  const analysis = outageAnalysis(
    incidents,
    agreedServiceWindows(serviceHours, period.start, period.elapsedEnd),
    period.elapsedEnd,
    { timezone, partialOutageWeight: settings.partialOutageWeight },
  );

  return {
    entityRef: recordRef(entity),
    period: periodView(period),
    timezone,
    agreedServiceTime: current.agreedServiceTime,
    downtime: current.downtime.downtimeSeconds,
    availability: current.availability,
    target: agreed?.target ?? null,
    status: budget ? budget.status : 'no-data',
    failures: current.downtime.failures,
    mtbf: current.mtbf,
    mtrs: current.mtrs,
    mtbsi: current.mtbsi,
    incidents: incidentSummaries(
      incidents,
      new Map(current.downtime.perIncident.map(p => [p.id, p.downtimeSeconds])),
    ),
    maintenance: (spec.serviceHours?.maintenance ?? []).map(w => ({
      days: [...w.days],
      from: w.from,
      to: w.to,
    })),
    history: await Promise.all(
      history.map(async p => {
        const figures = await measure(p);
        return {
          period: p.label,
          availability: figures.availability,
          target: agreed?.target ?? null,
          downtime: figures.downtime.downtimeSeconds,
        };
      }),
    ),
    outageAnalysis: {
      byCause: analysis.byCause.map(({ key, downtime, incidents: n }) => ({
        key,
        downtime,
        incidents: n,
      })),
      byPriority: analysis.byPriority.map(
        ({ key, downtime, incidents: n }) => ({
          key,
          downtime,
          incidents: n,
        }),
      ),
      byHourOfDay: analysis.byHourOfDay,
    },
    problems: options.problems,
    composite: {
      achievable: hasDependencies ? composite.achievable : null,
      unachievable:
        hasDependencies && agreed !== undefined
          ? !isTargetAchievable(agreed.target, composite.achievable)
          : false,
      limitingDependencies: composite.limitingDependencies.map(d => ({
        entityRef: d.ref,
        availability: d.availability,
        basis: basis.get(d.ref) ?? 'unknown',
      })),
    },
  };
}
