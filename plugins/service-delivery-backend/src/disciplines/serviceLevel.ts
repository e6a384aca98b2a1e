import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AgreementResult,
  BurnRateAlert,
  IncidentRecord,
  IncidentSummary,
  ObjectiveResult,
  ResolvedPeriod,
  SlaResponse,
  ServiceHoursInput,
  SliRecord,
  ValidationProblem,
  agreedMeasurements,
  agreedServiceWindows,
  agreementStatus,
  applyCorrections,
  bucketsOutside,
  correctionsOfAgreement,
  availabilityBurnDown,
  burnAttribution,
  burnAttributionView,
  burnRateAlerts,
  downtimeErrorRatio,
  evaluateObjective,
  eventBurnDown,
  formatDuration,
  isPeriodOver,
  measureDowntime,
  resolvePeriod,
  sliErrorRatio,
  supportCompliance,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import {
  ServiceDeliveryStore,
  StoredCorrection,
} from '../database/ServiceDeliveryStore';
import {
  agreementsOf,
  declaredServiceDelivery,
  inForce,
  objectivesOf,
  periodKindOf,
  recordRef,
  serviceHoursOf,
  supportTargetsOf,
  timezoneOf,
} from './declared';
import { DependencyClosure } from './dependencyGraph';
import { agreementPolicy } from './errorBudgetPolicy';

/** How far back burn-rate alerts read: the longest window of any alert. */
export const ALERT_LOOKBACK_MS = 3 * 24 * 3600 * 1000;

export type PeriodView = {
  label: string;
  start: string;
  end: string;
  measuredUntil: string;
  timezone: string;
};

export function periodView(period: ResolvedPeriod): PeriodView {
  return {
    label: period.label,
    start: new Date(period.start).toISOString(),
    end: new Date(period.end).toISOString(),
    measuredUntil: new Date(period.elapsedEnd).toISOString(),
    timezone: period.timezone,
  };
}

/** The measured data one entity's service-level figures are computed from. */
export class MeasuredData {
  private incidents?: Promise<IncidentRecord[]>;
  private readonly sli = new Map<string, Promise<SliRecord[]>>();

  constructor(
    private readonly store: ServiceDeliveryStore,
    private readonly entityRef: string,
    private readonly range: { from: number; to: number },
  ) {}

  /** Incidents overlapping the whole range. */
  allIncidents(): Promise<IncidentRecord[]> {
    this.incidents ??= this.store.listIncidents({
      entityRefs: [this.entityRef],
      range: this.range,
    });
    return this.incidents;
  }

  async incidentsIn(from: number, to: number): Promise<IncidentRecord[]> {
    return (await this.allIncidents()).filter(
      i =>
        Date.parse(i.startedAt) < to &&
        (i.resolvedAt === null || Date.parse(i.resolvedAt) > from),
    );
  }

  slis(objective: string): Promise<SliRecord[]> {
    let buckets = this.sli.get(objective);
    if (!buckets) {
      buckets = this.store.listSli({
        entityRefs: [this.entityRef],
        objective,
        range: this.range,
      });
      this.sli.set(objective, buckets);
    }
    return buckets;
  }
}

export function incidentSummaries(
  incidents: IncidentRecord[],
  downtimeById: Map<string, number>,
): IncidentSummary[] {
  return incidents
    .map(incident => ({
      id: incident.id,
      source: incident.source,
      title: incident.title,
      priority: incident.priority,
      impact: incident.impact,
      startedAt: incident.startedAt,
      acknowledgedAt: incident.acknowledgedAt ?? null,
      resolvedAt: incident.resolvedAt,
      planned: Boolean(incident.planned),
      cause: incident.cause,
      downtime: downtimeById.get(incident.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.downtime - a.downtime || a.startedAt.localeCompare(b.startedAt),
    );
}

/** What an agreement's corrections leave of the alerts' lookback; undefined without corrections. */
export async function alertLookback(
  data: MeasuredData,
  corrections: StoredCorrection[],
  now: number,
): Promise<ReturnType<typeof applyCorrections> | undefined> {
  if (corrections.length === 0) return undefined;
  return applyCorrections({
    corrections,
    incidents: await data.incidentsIn(now - ALERT_LOOKBACK_MS, now),
    range: { start: now - ALERT_LOOKBACK_MS, end: now },
  });
}

/**
 * An objective's burn-rate alerts at `now`, from the last {@link ALERT_LOOKBACK_MS} of `data`
 * less what the agreement's corrections exclude (`lookback`, from {@link alertLookback}).
 */
export async function objectiveAlerts(options: {
  objective: { name: string; kind: string; target: number };
  data: MeasuredData;
  lookback: ReturnType<typeof applyCorrections> | undefined;
  serviceHours: ServiceHoursInput;
  partialOutageWeight: number;
  now: number;
}): Promise<ReturnType<typeof burnRateAlerts>> {
  const { objective, data, lookback, now } = options;
  return burnRateAlerts({
    errorRatio:
      objective.kind === 'availability'
        ? downtimeErrorRatio({
            incidents:
              lookback?.incidents ??
              (await data.incidentsIn(now - ALERT_LOOKBACK_MS, now)),
            serviceHours: options.serviceHours,
            partialOutageWeight: options.partialOutageWeight,
            excluded: lookback?.excludedTime,
          })
        : sliErrorRatio(
            bucketsOutside(
              await data.slis(objective.name),
              lookback?.excludedEventTime ?? [],
            ),
          ),
    target: objective.target,
    now,
  });
}

function alertView(alerts: ReturnType<typeof burnRateAlerts>): BurnRateAlert[] {
  return alerts.map(alert => ({
    severity: alert.severity,
    threshold: alert.threshold,
    longWindow: formatDuration(alert.longWindow),
    shortWindow: formatDuration(alert.shortWindow),
    longBurnRate: finiteOrNull(alert.longBurnRate),
    shortBurnRate: finiteOrNull(alert.shortBurnRate),
    firing: alert.firing,
  }));
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/**
 * Resolves the period figures are read for: the one asked for, or the agreement's current period.
 * Throws a PeriodError (answered as 400) for a malformed one.
 */
export function periodFor(
  requested: string | undefined,
  kind: ReturnType<typeof periodKindOf>,
  timezone: string,
  now: number,
): ResolvedPeriod {
  return resolvePeriod(requested || undefined, {
    defaultPeriod: kind,
    timezone,
    now,
  });
}

/**
 * The incidents of everything the entity depends on over the agreements' periods, read with one query
 * (the closure holds only what the caller can see in the catalog).
 */
async function dependencyIncidents(
  store: ServiceDeliveryStore,
  closure: DependencyClosure | undefined,
  periods: ResolvedPeriod[],
): Promise<Map<string, IncidentRecord[]>> {
  const refs = closure
    ? [...closure.entities.keys()].filter(ref => ref !== closure.root)
    : [];
  if (refs.length === 0 || periods.length === 0) return new Map();
  const incidents = await store.listIncidents({
    entityRefs: refs,
    range: {
      from: Math.min(...periods.map(p => p.start)),
      to: Math.max(...periods.map(p => p.elapsedEnd)),
    },
  });
  const byRef = new Map<string, IncidentRecord[]>();
  for (const incident of incidents) {
    const list = byRef.get(incident.entityRef);
    if (list) list.push(incident);
    else byRef.set(incident.entityRef, [incident]);
  }
  return byRef;
}

/** GET /entities/{ref}/sla */
export async function serviceLevelReport(options: {
  entity: Entity;
  period?: string;
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  problems: ValidationProblem[];
  /**
   * What the entity depends on, walked through the caller's graph snapshot; without it no burn is
   * attributed to dependencies.
   */
  closure?: DependencyClosure;
  /**
   * false leaves out the error-budget policies where they would need the current period computed
   * besides the one asked for (the SLA report of a period has no use for them).
   */
  currentPolicies?: boolean;
}): Promise<SlaResponse> {
  const { entity, now, store, settings } = options;
  const spec = declaredServiceDelivery(entity);
  const timezone = timezoneOf(spec);
  const serviceHours = serviceHoursOf(spec);
  const agreements = agreementsOf(spec);
  const weight = settings.partialOutageWeight;

  const periods = agreements.map(agreement =>
    periodFor(options.period, periodKindOf(agreement), timezone, now),
  );
  const headline =
    periods[0] ?? periodFor(options.period, 'month', timezone, now);
  const from = Math.min(
    headline.start,
    ...periods.map(p => p.start),
    now - ALERT_LOOKBACK_MS,
  );
  const to = Math.max(headline.elapsedEnd, ...periods.map(p => p.elapsedEnd));
  const data = new MeasuredData(store, recordRef(entity), { from, to });
  const sliObjectives = new Set(
    agreements.flatMap(agreement =>
      objectivesOf(agreement)
        .filter(objective => objective.kind !== 'availability')
        .map(objective => objective.name),
    ),
  );
  // every read the agreements need, asked together: on PostgreSQL each is a round trip of its own
  const [dependencies, corrections] = await Promise.all([
    dependencyIncidents(store, options.closure, periods),
    store.listCorrections({ entityRefs: [recordRef(entity)] }),
    agreements.length > 0 ? data.allIncidents() : undefined,
    ...[...sliObjectives].map(name => data.slis(name)),
  ]);
  const appliedTo = new Map<StoredCorrection, string[]>();

  const results: AgreementResult[] = [];
  for (const [index, agreement] of agreements.entries()) {
    const period = periods[index];
    // every figure of the agreement counts what its corrections leave
    const agreed = agreedMeasurements({
      corrections,
      agreement: agreement.name,
      incidents: await data.incidentsIn(period.start, period.elapsedEnd),
      period,
      serviceHours,
      partialOutageWeight: weight,
    });
    const { incidents } = agreed;
    for (const correction of agreed.applied) {
      appliedTo.set(correction, [
        ...(appliedTo.get(correction) ?? []),
        agreement.name,
      ]);
    }
    const ofAgreement = correctionsOfAgreement(corrections, agreement.name);
    const current = !isPeriodOver(period);
    const lookback = current
      ? await alertLookback(data, ofAgreement, now)
      : undefined;

    const objectives: ObjectiveResult[] = [];
    for (const objective of objectivesOf(agreement)) {
      const periodBuckets =
        objective.kind === 'availability'
          ? []
          : (await data.slis(objective.name)).filter(
              b =>
                Date.parse(b.bucketStart) >= period.start &&
                Date.parse(b.bucketStart) < period.elapsedEnd,
            );
      const budget = evaluateObjective({
        objective,
        period,
        agreed,
        buckets: periodBuckets,
      });
      const buckets = bucketsOutside(periodBuckets, agreed.excludedEventTime);
      const alerts = current
        ? await objectiveAlerts({
            objective,
            data,
            lookback,
            serviceHours,
            partialOutageWeight: weight,
            now,
          })
        : [];
      const burnDown =
        objective.kind === 'availability'
          ? availabilityBurnDown({
              target: objective.target,
              serviceHours,
              incidents,
              period,
              partialOutageWeight: weight,
              excluded: agreed.excludedTime,
            })
          : eventBurnDown({
              target: objective.target,
              objective: objective.name,
              buckets,
              period,
            });
      objectives.push({
        name: objective.name,
        kind: objective.kind,
        target: objective.target,
        actual: budget.actual,
        status: budget.status,
        errorBudget: {
          allowed: budget.allowed,
          consumed: budget.consumed,
          remaining: budget.remaining,
          consumedShare: budget.consumedShare,
          remainingShare: budget.remainingShare,
          burnRate: finiteOrNull(budget.burnRate),
          unit: budget.unit,
        },
        alerts: alertView(alerts),
        burnDown: burnDown.map(point => ({
          at: new Date(point.at).toISOString(),
          remainingShare: point.remainingShare,
        })),
        ...(options.closure && {
          burnAttribution: burnAttributionView(
            burnAttribution({
              objective,
              period: { start: period.start, end: period.elapsedEnd },
              root: options.closure.root,
              edgesOf: ref => options.closure!.edges.get(ref),
              incidentsOf: ref =>
                ref === options.closure!.root
                  ? incidents
                  : dependencies.get(ref) ?? [],
              serviceHours,
              buckets,
              partialOutageWeight: weight,
            }),
          ),
        }),
      });
    }

    const support = supportCompliance(incidents, supportTargetsOf(agreement), {
      periodStart: period.start,
      periodEnd: period.elapsedEnd,
      asOf: Math.min(now, period.elapsedEnd),
    }).map(row => ({
      priority: row.priority,
      responseTarget: row.responseTarget ?? 0,
      resolutionTarget: row.resolutionTarget ?? 0,
      incidents: row.incidents,
      respondedInTime: row.respondedInTime ?? 0,
      resolvedInTime: row.resolvedInTime ?? 0,
      responseCompliance: row.responseCompliance,
      resolutionCompliance: row.resolutionCompliance,
    }));

    results.push({
      name: agreement.name,
      type: agreement.type,
      customer: groupRef(agreement.customer, entity),
      provider: groupRef(
        agreement.provider ?? (entity.spec?.owner as string | undefined),
        entity,
      ),
      period: period.label,
      status: agreementStatus(objectives.map(o => o.status)),
      inForce: inForce(agreement, Math.min(now, period.elapsedEnd - 1)),
      effective: agreement.effective,
      expires: agreement.expires,
      document: agreement.document,
      serviceCredits: agreement.serviceCredits,
      objectives,
      support,
      ...(agreed.applied.length > 0 && {
        corrections: agreed.applied.map(correctionView),
      }),
    });
  }

  // Policies read the current period only: a finished period's figures freeze nothing now.
  const currentReport =
    options.period === undefined ||
    agreements.length === 0 ||
    options.currentPolicies === false
      ? undefined
      : await serviceLevelReport({
          ...options,
          period: undefined,
          closure: undefined,
        });
  for (const [index, agreement] of agreements.entries()) {
    if (options.period !== undefined && !currentReport) break;
    const policy = currentReport
      ? currentReport.agreements[index].policy
      : agreementPolicy({
          agreement,
          result: results[index],
          defaults: settings.errorBudgetPolicy,
        });
    if (policy) results[index].policy = policy;
  }

  // interval corrections of the period are listed even where no agreement's figures changed
  const bearing = corrections.filter(
    c =>
      appliedTo.has(c) ||
      (c.from !== undefined &&
        c.to !== undefined &&
        Date.parse(c.from) < headline.end &&
        Date.parse(c.to) > headline.start),
  );
  const incidents = await data.incidentsIn(headline.start, headline.elapsedEnd);
  const downtime = measureDowntime({
    incidents,
    windows: agreedServiceWindows(
      serviceHours,
      headline.start,
      headline.elapsedEnd,
    ),
    periodEnd: headline.elapsedEnd,
    partialOutageWeight: weight,
  });
  return {
    entityRef: recordRef(entity),
    period: periodView(headline),
    agreements: results,
    incidents: incidentSummaries(
      incidents,
      new Map(downtime.perIncident.map(p => [p.id, p.downtimeSeconds])),
    ),
    problems: options.problems,
    corrections: bearing.map(c => ({
      ...correctionView(c),
      appliedTo: appliedTo.get(c) ?? [],
    })),
  };
}

/** A stored correction as the API serves it. */
export function correctionView(
  correction: StoredCorrection,
): NonNullable<AgreementResult['corrections']>[number] {
  return { ...correction };
}

/**
 * A party of an agreement written without its kind, as the catalog allows (`owner: guests`: a group
 * of the entity's namespace), as a full entity reference: the frontend links the answer's
 * references as they come, and a reference without a kind broke the SLA tab.
 */
function groupRef(ref: string | undefined, entity: Entity): string | undefined {
  if (!ref || ref.includes(':')) {
    return ref;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return ref;
  }
}
