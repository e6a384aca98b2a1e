import { Entity } from '@backstage/catalog-model';
import {
  AvailabilityResponse,
  CompositeEvaluator,
  DependencyLimit,
  CompositeNode,
  IncidentRecord,
  ValidationProblem,
  agreedMeasurements,
  agreedServiceWindows,
  availabilityErrorBudget,
  feasibilityOf,
  outageAnalysis,
  periodAvailability,
  previousPeriods,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import {
  agreedAvailability,
  agreementsOf,
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

export type CompositeBasis = 'agreed' | 'measured' | 'unknown';

/** A period's composite graph, and where each entity's availability in it came from. */
export type PeriodComposites = {
  evaluator: CompositeEvaluator;
  basis(ref: string): CompositeBasis;
};

type MeasuredPeriod = { start: number; end: number; elapsedEnd: number };

/**
 * One entity as the composites of others count it: measured in the period when it had incidents in
 * it, else what it agrees to (its availability target or its tier's).
 */
export function compositeNode(options: {
  entity: Entity;
  edges: { dependsOn: string[]; redundancy: string[][] };
  incidents: IncidentRecord[] | undefined;
  period: MeasuredPeriod;
  settings: ServiceDeliverySettings;
}): { node: CompositeNode; basis: CompositeBasis } {
  const { entity, edges, incidents, period, settings } = options;
  const spec = declaredServiceDelivery(entity);
  let availability: number | undefined;
  let basis: CompositeBasis = 'unknown';
  if (incidents && incidents.length > 0) {
    try {
      availability =
        periodAvailability({
          serviceHours: serviceHoursOf(spec),
          incidents,
          period,
          partialOutageWeight: settings.partialOutageWeight,
        }).availability ?? undefined;
    } catch {
      availability = undefined;
    }
    if (availability !== undefined) basis = 'measured';
  }
  if (availability === undefined) {
    availability = agreedAvailability(spec, settings.tiers)?.target;
    if (availability !== undefined) basis = 'agreed';
  }
  return {
    node: {
      availability,
      dependsOn: edges.dependsOn,
      redundancy: edges.redundancy.map(anyOf => ({ anyOf })),
    },
    basis,
  };
}

/** Incidents grouped by the entity they belong to, each group in the order given. */
export function byEntity(
  incidents: IncidentRecord[],
): Map<string, IncidentRecord[]> {
  const map = new Map<string, IncidentRecord[]>();
  for (const incident of incidents) {
    const list = map.get(incident.entityRef);
    if (list) list.push(incident);
    else map.set(incident.entityRef, [incident]);
  }
  return map;
}

/**
 * The composite graph of a dependency closure for one period (the Availability tab's, read with the
 * caller's credentials): the incidents of everything below the root read with one query.
 */
export async function compositeGraph(options: {
  closure: DependencyClosure;
  period: MeasuredPeriod;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
}): Promise<PeriodComposites> {
  const { closure, period, store, settings } = options;
  const refs = [...closure.entities.keys()].filter(r => r !== closure.root);
  const incidents = byEntity(
    await store.listIncidents({
      entityRefs: refs,
      range: { from: period.start, to: period.elapsedEnd },
    }),
  );
  return periodComposites({
    entityOf: ref => closure.entities.get(ref),
    edgesOf: ref => closure.edges.get(ref) ?? { dependsOn: [], redundancy: [] },
    incidents: ref => (ref === closure.root ? undefined : incidents.get(ref)),
    period,
    settings,
  });
}

/**
 * A period's composite graph whose nodes are read as the evaluator first reaches them, so that a
 * graph of thousands of entities shared by every service of a refresh works each entity out once.
 */
export function periodComposites(options: {
  entityOf(ref: string): Entity | undefined;
  edgesOf(ref: string): { dependsOn: string[]; redundancy: string[][] };
  incidents(ref: string): IncidentRecord[] | undefined;
  period: MeasuredPeriod;
  settings: ServiceDeliverySettings;
  /**
   * Another period's composites of the same entities and edges: what is worked out from the edges
   * alone is shared with it instead of held once per period.
   */
  sameEdgesAs?: PeriodComposites;
}): PeriodComposites {
  const bases = new Map<string, CompositeBasis>();
  const evaluator = new CompositeEvaluator(
    ref => {
      const entity = options.entityOf(ref);
      if (!entity) return undefined;
      const { node, basis } = compositeNode({
        entity,
        edges: options.edgesOf(ref),
        incidents: options.incidents(ref),
        period: options.period,
        settings: options.settings,
      });
      bases.set(ref, basis);
      return node;
    },
    { sameEdgesAs: options.sameEdgesAs?.evaluator },
  );
  return { evaluator, basis: ref => bases.get(ref) ?? 'unknown' };
}

/**
 * The first ranked limiting dependencies of each root an evaluator was asked for, as many as were
 * asked: a refresh asks for a dependant's whether its row moved, then again for the row. Only what
 * was asked is kept — the whole ranking of a root lists every entity of its closure that lowers the
 * ceiling, and kept for every root of a refresh it grows with services × closure.
 */
const rankedLimits = new WeakMap<
  CompositeEvaluator,
  Map<string, { asked: number; limits: DependencyLimit[] }>
>();

function limitingDependencies(
  evaluator: CompositeEvaluator,
  root: string,
  count: number,
): DependencyLimit[] {
  let byRoot = rankedLimits.get(evaluator);
  if (!byRoot) {
    byRoot = new Map();
    rankedLimits.set(evaluator, byRoot);
  }
  const kept = byRoot.get(root);
  if (kept && kept.asked >= count) return kept.limits.slice(0, count);
  const limits = evaluator.evaluate(root).limitingDependencies.slice(0, count);
  byRoot.set(root, { asked: count, limits });
  return limits;
}

/** The composite part of the Availability tab and of the overview's headline. */
export function compositeView(options: {
  composites: PeriodComposites;
  root: string;
  target: number | undefined;
  hasDependencies: boolean;
  /** how many limiting dependencies to name when the target is not surely achievable; all, always, by default */
  limits?: number;
}): AvailabilityResponse['composite'] {
  const { composites, root, target, hasDependencies } = options;
  if (!hasDependencies) {
    return {
      achievable: null,
      bounds: null,
      exact: true,
      feasibility: null,
      unachievable: false,
      limitingDependencies: [],
    };
  }
  // ranking what limits the ceiling costs an evaluation per dependency behind redundancy: only
  // when it matters
  const ceiling = composites.evaluator.evaluate(root, {
    limits: false,
    details: false,
  });
  const feasibility =
    target === undefined ? null : feasibilityOf(target, ceiling);
  const unachievable = feasibility !== null && feasibility !== 'achievable';
  // the tab ranks every limiting dependency; a row only names a few, and only when it matters
  const limits =
    options.limits === undefined || (unachievable && options.limits > 0)
      ? limitingDependencies(
          composites.evaluator,
          root,
          options.limits ?? Infinity,
        )
      : [];
  return {
    achievable: ceiling.achievable,
    bounds: ceiling.bounds,
    exact: ceiling.exact,
    feasibility,
    unachievable,
    limitingDependencies: limits.map(d => ({
      entityRef: d.ref,
      availability: d.availability,
      basis: composites.basis(d.ref),
    })),
  };
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

  // the entity's incidents, its corrections and its dependencies' composite graph, asked together:
  // on PostgreSQL each is a round trip of its own
  const [, corrections, composites] = await Promise.all([
    data.allIncidents(),
    store.listCorrections({ entityRefs: [recordRef(entity)] }),
    compositeGraph({ closure: options.closure, period, store, settings }),
  ]);
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

  // the figures stay as measured; each agreement with corrections in the period adds its own
  const agreedFigures: NonNullable<AvailabilityResponse['agreed']> = [];
  for (const agreement of corrections.length > 0 ? agreementsOf(spec) : []) {
    const figures = agreedMeasurements({
      corrections,
      agreement: agreement.name,
      incidents,
      period,
      serviceHours,
      partialOutageWeight: settings.partialOutageWeight,
      measured: current,
    });
    if (figures.applied.length === 0) continue;
    agreedFigures.push({
      agreement: agreement.name,
      availability: figures.availability.availability,
      downtime: figures.availability.downtime.downtimeSeconds,
      agreedServiceTime: figures.availability.agreedServiceTime,
      corrections: figures.applied.length,
    });
  }

  const composite = compositeView({
    composites,
    root: options.closure.root,
    target: agreed?.target,
    hasDependencies:
      (options.closure.edges.get(options.closure.root)?.dependsOn.length ?? 0) >
      0,
  });

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
    maintenance: (serviceHours.maintenance ?? []).map(w => ({
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
    ...(agreedFigures.length > 0 && { agreed: agreedFigures }),
    composite,
  };
}
