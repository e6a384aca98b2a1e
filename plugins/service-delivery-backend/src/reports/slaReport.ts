import { Entity } from '@backstage/catalog-model';
import {
  BurnAttributionLine,
  CorrectionView,
  DurationError,
  PeriodError,
  ServiceHoursError,
  SlaReportResponse,
  SlaReportService,
  STATUSES,
  Status,
  ValidationProblem,
  agreementStatus,
  dependencyBurnName,
  isPeriodOver,
  serviceCreditState,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { availabilityReport } from '../disciplines/availability';
import { DependencyClosure } from '../disciplines/dependencyGraph';
import {
  agreedAvailability,
  agreementsOf,
  declaredServiceDelivery,
  periodKindOf,
  recordRef,
  timezoneOf,
} from '../disciplines/declared';
import {
  periodFor,
  periodView,
  serviceLevelReport,
} from '../disciplines/serviceLevel';
import { CatalogSnapshot } from '../overview/catalogSnapshot';
import { toCsv } from '../overview/csv';

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * One service's SLA report for a period: its agreements with their objectives against targets, the
 * support targets, the service credits the period leaves owed, its availability and its incidents.
 */
export async function slaReportService(options: {
  entity: Entity;
  period?: string;
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  problems: ValidationProblem[];
  /** where the entity sits; read from the entity alone when absent */
  snapshot?: CatalogSnapshot;
  /** what the entity depends on, as the caller sees it; no burn is attributed without it */
  closure?: DependencyClosure;
}): Promise<SlaReportService> {
  const { entity, period, now, store, settings, problems } = options;
  const spec = declaredServiceDelivery(entity);
  const entityRef = recordRef(entity);
  const sla = await serviceLevelReport({
    entity,
    period,
    now,
    store,
    settings,
    problems,
    closure: options.closure,
    currentPolicies: false,
  });

  let availability: SlaReportService['availability'] = null;
  if (
    agreedAvailability(spec, settings.tiers) !== undefined ||
    spec.serviceHours
  ) {
    // the report leaves the composite ceiling to the Availability tab: no dependencies are read
    const measured = await availabilityReport({
      entity,
      period,
      now,
      store,
      settings,
      closure: {
        root: entityRef,
        entities: new Map([[entityRef, entity]]),
        edges: new Map(),
        missing: [],
      },
      problems,
    });
    availability = {
      availability: measured.availability,
      target: measured.target,
      status: measured.status,
      agreedServiceTime: measured.agreedServiceTime,
      downtime: measured.downtime,
      failures: measured.failures,
      mtrs: measured.mtrs,
      mtbf: measured.mtbf,
    };
  }

  const declared = agreementsOf(spec);
  const agreements: SlaReportService['agreements'] = sla.agreements.map(
    (agreement, index) => {
      const periodOver = isPeriodOver(
        periodFor(period, periodKindOf(declared[index]), timezoneOf(spec), now),
      );
      return {
        name: agreement.name,
        type: agreement.type,
        customer: agreement.customer,
        provider: agreement.provider,
        status: agreement.status,
        inForce: agreement.inForce,
        document: agreement.document,
        objectives: agreement.objectives.map(objective => ({
          name: objective.name,
          kind: objective.kind,
          target: objective.target,
          actual: objective.actual,
          status: objective.status,
          remainingShare: objective.errorBudget.remainingShare,
          topDependencyBurn: objective.burnAttribution?.dependencies[0] ?? null,
        })),
        support: agreement.support,
        serviceCredits: {
          terms: agreement.serviceCredits ?? null,
          state: serviceCreditState({
            status: agreement.status,
            periodOver,
            terms: agreement.serviceCredits,
          }),
          missedObjectives: agreement.objectives
            .filter(objective => objective.status === 'breached')
            .map(objective => objective.name),
        },
        ...(agreement.corrections && { corrections: agreement.corrections }),
      };
    },
  );

  const snapshot = options.snapshot;
  const owner = snapshot?.ownerOf(entity) ?? text(entity.spec?.owner);
  return {
    entityRef,
    name: entity.metadata.name,
    title: text(entity.metadata.title),
    owner,
    system: snapshot?.systemOf(entity) ?? text(entity.spec?.system),
    tier: text(spec.tier),
    period: sla.period,
    status: agreementStatus([
      ...agreements.map(a => a.status),
      availability?.status ?? 'no-data',
    ]),
    availability,
    agreements,
    incidents: sla.incidents.map(incident => ({
      id: incident.id,
      title: incident.title,
      priority: incident.priority,
      impact: incident.impact,
      startedAt: incident.startedAt,
      resolvedAt: incident.resolvedAt,
      downtime: incident.downtime,
    })),
    problems,
  };
}

/**
 * The part of a report of a service whose figures could not be computed: who it is, no figures, and
 * a problem that says so, so that a report of many services still shows every other one. What its
 * declaration makes impossible is said; anything else (a store that fails) is only named, the
 * details go to the log.
 */
export function unreportedService(options: {
  entity: Entity;
  period?: string;
  now: number;
  problems: ValidationProblem[];
  error: unknown;
}): SlaReportService {
  const { entity, now, error } = options;
  const spec = declaredServiceDelivery(entity);
  const declarationError =
    error instanceof ServiceHoursError ||
    error instanceof PeriodError ||
    error instanceof DurationError;
  return {
    entityRef: recordRef(entity),
    name: entity.metadata.name,
    title: text(entity.metadata.title),
    owner: text(entity.spec?.owner),
    system: text(entity.spec?.system),
    tier: text(spec.tier),
    period: periodView(
      periodFor(
        options.period,
        periodKindOf(agreementsOf(spec)[0]),
        timezoneOf(spec),
        now,
      ),
    ),
    status: 'no-data',
    availability: null,
    agreements: [],
    incidents: [],
    problems: [
      ...options.problems,
      {
        path: '',
        message: `Its figures could not be computed for this report: ${
          declarationError
            ? (error as Error).message
            : 'an internal error, logged by the backend'
        }`,
      },
    ],
  };
}

/** The report's totals: services by status, agreements breached, credits owed and pending. */
export function slaReportSummary(
  services: SlaReportService[],
): SlaReportResponse['summary'] {
  const byStatus = Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<
    Status,
    number
  >;
  let agreements = 0;
  let agreementsBreached = 0;
  let creditsOwed = 0;
  let creditsPending = 0;
  for (const service of services) {
    byStatus[service.status] += 1;
    for (const agreement of service.agreements) {
      agreements += 1;
      if (agreement.status === 'breached') agreementsBreached += 1;
      if (agreement.serviceCredits.state === 'owed') creditsOwed += 1;
      if (agreement.serviceCredits.state === 'pending') creditsPending += 1;
    }
  }
  return {
    services: services.length,
    byStatus,
    agreements,
    agreementsBreached,
    creditsOwed,
    creditsPending,
  };
}

const CSV_HEADER = [
  'entityRef',
  'name',
  'owner',
  'tier',
  'period',
  'serviceStatus',
  'availability',
  'availabilityTarget',
  'downtimeSeconds',
  'failures',
  'agreement',
  'agreementType',
  'customer',
  'agreementStatus',
  'line',
  'objective',
  'kind',
  'target',
  'actual',
  'status',
  'budgetRemainingPercent',
  'priority',
  'responseTargetSeconds',
  'resolutionTargetSeconds',
  'incidents',
  'respondedInTime',
  'resolvedInTime',
  'serviceCredits',
  'creditState',
  'burnedMostDuring',
  'burnedMostDuringLowPercent',
  'burnedMostDuringHighPercent',
  'correctionExcludes',
  'correctionReason',
  'correctionNote',
  'correctedBy',
];

/** What a correction excludes, in a CSV cell: `incident pagerduty/INC-1` or `from … to …`. */
/** What a correction excludes, for the CSV: an incident, or an ISO 8601 interval `start/end`. */
function correctionExcludes(correction: CorrectionView): string {
  return correction.incident
    ? `incident ${correction.incident.source}/${correction.incident.id}`
    : `${correction.from}/${correction.to}`;
}

/**
 * The report as CSV: a line per objective and per support target of every agreement (a service
 * without agreements gets one line with its availability).
 */
export function slaReportCsv(report: SlaReportResponse): string {
  const records: Array<Array<string | number | null>> = [];
  for (const service of report.services) {
    const head = [
      service.entityRef,
      service.name,
      service.owner,
      service.tier,
      service.period.label,
      service.status,
      service.availability?.availability ?? null,
      service.availability?.target ?? null,
      service.availability?.downtime ?? null,
      service.availability?.failures ?? null,
    ];
    if (service.agreements.length === 0) {
      records.push([
        ...head,
        ...Array(CSV_HEADER.length - head.length).fill(null),
      ]);
      continue;
    }
    for (const agreement of service.agreements) {
      const about = [
        agreement.name,
        agreement.type,
        agreement.customer ?? null,
        agreement.status,
      ];
      const credits = [
        agreement.serviceCredits.terms,
        agreement.serviceCredits.state,
      ];
      for (const objective of agreement.objectives) {
        records.push([
          ...head,
          ...about,
          'objective',
          objective.name,
          objective.kind,
          objective.target,
          objective.actual,
          objective.status,
          objective.remainingShare === null
            ? null
            : Number((objective.remainingShare * 100).toFixed(2)),
          null,
          null,
          null,
          null,
          null,
          null,
          ...credits,
          ...dependencyBurnColumns(objective.topDependencyBurn),
        ]);
      }
      for (const support of agreement.support) {
        records.push([
          ...head,
          ...about,
          'support',
          null,
          null,
          null,
          null,
          null,
          null,
          support.priority,
          support.responseTarget,
          support.resolutionTarget,
          support.incidents,
          support.respondedInTime,
          support.resolvedInTime,
          ...credits,
          null,
          null,
          null,
        ]);
      }
      for (const correction of agreement.corrections ?? []) {
        const line = [...head, ...about, 'correction'];
        records.push([
          ...line,
          ...Array(CSV_HEADER.length - line.length - 4).fill(null),
          correctionExcludes(correction),
          correction.reason,
          correction.note,
          correction.writtenBy,
        ]);
      }
    }
  }
  const width = CSV_HEADER.length;
  return toCsv(
    CSV_HEADER,
    records.map(row =>
      row.length < width
        ? [...row, ...Array(width - row.length).fill(null)]
        : row,
    ),
  );
}

/** The dependency during whose outages most of an objective's budget burned, and its share as bounds. */
function dependencyBurnColumns(
  line: BurnAttributionLine | null | undefined,
): Array<string | number | null> {
  if (!line?.share) return [null, null, null];
  const percent = (share: number) => Number((share * 100).toFixed(2));
  const { low, high } =
    typeof line.share === 'number'
      ? { low: line.share, high: line.share }
      : line.share;
  return [dependencyBurnName(line), percent(low), percent(high)];
}
