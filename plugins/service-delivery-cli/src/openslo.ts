import {
  Agreement,
  AgreementPeriod,
  AgreementType,
  BURN_RATE_ALERT_WINDOWS,
  Objective,
  ServiceDeliverySpec,
  SupportTarget,
  tryParseDuration,
} from '@service-delivery/plugin-service-delivery-common';
import { CatalogFileEntity } from './validateFiles';

/*
 * OpenSLO v1 interchange (https://github.com/OpenSLO/OpenSLO): each objective of each agreement is
 * an SLO of the entity's Service, with its SLI inline; the burn-rate alerts are three AlertPolicies
 * every SLO refers to. What OpenSLO has no field for (the agreement's type, parties, dates, support
 * targets, service credits) rides in the SLO's annotations, so that an export imports back whole.
 */

/** One OpenSLO document. */
export type OpenSloDocument = {
  apiVersion: 'openslo/v1';
  kind: 'Service' | 'SLO' | 'SLI' | 'AlertPolicy';
  metadata: {
    name: string;
    displayName?: string;
    labels?: Record<string, string | string[]>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
};

const API_VERSION = 'openslo/v1';
const ANNOTATION = 'service-delivery.backstage.io';
/** The metric source of data sent to the ingest API rather than pulled from Prometheus. */
const INGEST_SOURCE = 'BackstageServiceDelivery';

const ALERT_POLICIES = BURN_RATE_ALERT_WINDOWS.map(pair => ({
  name: `service-delivery-${pair.severity}-${shortDuration(pair.longWindow)}`,
  pair,
}));

/** Seconds as OpenSLO writes a duration: `5m`, `1h`, `3d`. */
function shortDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** A DNS-label name (a–z, 0–9, '-', at most 63 characters), as OpenSLO's names must be. */
export function openSloName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (name.length <= 63) return name;
  // long names keep their start and a short hash of the whole, so that they stay distinct
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54).replace(/-$/, '')}-${hash
    .toString(36)
    .slice(0, 8)}`;
}

function timeWindow(period: AgreementPeriod | undefined, timeZone: string) {
  switch (period ?? 'month') {
    case 'rolling-28d':
      return [{ duration: '28d', isRolling: true }];
    case 'rolling-30d':
      return [{ duration: '30d', isRolling: true }];
    case 'quarter':
      return [
        {
          duration: '1Q',
          isRolling: false,
          calendar: { startTime: '2020-01-01 00:00:00', timeZone },
        },
      ];
    default:
      return [
        {
          duration: '1M',
          isRolling: false,
          calendar: { startTime: '2020-01-01 00:00:00', timeZone },
        },
      ];
  }
}

function indicator(entityRef: string, objective: Objective, name: string) {
  const prometheus = objective.prometheus;
  const query = (q: string) => ({
    metricSource: { type: 'Prometheus', spec: { query: q } },
  });
  let spec: Record<string, unknown>;
  if (prometheus?.good && prometheus.total) {
    spec = {
      ratioMetric: {
        counter: true,
        good: query(prometheus.good),
        total: query(prometheus.total),
      },
    };
  } else if (prometheus?.ratio) {
    spec = {
      ratioMetric: {
        counter: false,
        rawType: 'success',
        raw: query(prometheus.ratio),
      },
    };
  } else {
    // measured from incidents (availability) or SLI counts sent to the ingest API
    spec = {
      thresholdMetric: {
        metricSource: {
          type: INGEST_SOURCE,
          spec: {
            entityRef,
            objective: objective.name,
            measuredBy:
              objective.kind === 'availability' ? 'incidents' : 'sli-counts',
          },
        },
      },
    };
  }
  return { metadata: { name }, spec };
}

/** The OpenSLO documents of catalog entities' agreements: Services, SLOs and the alert policies. */
export function exportOpenSlo(
  entities: CatalogFileEntity[],
): OpenSloDocument[] {
  const services: OpenSloDocument[] = [];
  const slos: OpenSloDocument[] = [];
  for (const entity of entities) {
    const spec = (entity.spec.serviceDelivery ?? {}) as ServiceDeliverySpec;
    const agreements = Array.isArray(spec.agreements) ? spec.agreements : [];
    const namespace =
      typeof entity.metadata.namespace === 'string'
        ? entity.metadata.namespace
        : 'default';
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const entityRef = `${kind}:${namespace}/${entity.metadata.name}`;
    const service = openSloName(entity.metadata.name);
    const timeZone = spec.serviceHours?.timezone ?? 'UTC';
    services.push({
      apiVersion: API_VERSION,
      kind: 'Service',
      metadata: {
        name: service,
        ...(typeof entity.metadata.title === 'string'
          ? { displayName: entity.metadata.title }
          : {}),
        annotations: { [`${ANNOTATION}/entity-ref`]: entityRef },
      },
      spec: {
        description:
          typeof entity.metadata.description === 'string'
            ? entity.metadata.description
            : `${entityRef} in the Backstage catalog`,
      },
    });
    for (const agreement of agreements) {
      for (const objective of agreement.objectives ?? []) {
        const name = openSloName(
          entity.metadata.name,
          agreement.name,
          objective.name,
        );
        const threshold = tryParseDuration(objective.threshold);
        slos.push({
          apiVersion: API_VERSION,
          kind: 'SLO',
          metadata: {
            name,
            displayName: `${agreement.name}/${objective.name}`,
            annotations: agreementAnnotations(entityRef, agreement, objective),
          },
          spec: {
            description: `${agreement.type} ${agreement.name}: ${objective.name} (${objective.kind}) of ${entityRef}`,
            service,
            indicator: indicator(entityRef, objective, `${name}-sli`),
            timeWindow: timeWindow(agreement.period, timeZone),
            budgetingMethod:
              objective.kind === 'availability' && !objective.prometheus
                ? 'Timeslices'
                : 'Occurrences',
            objectives: [
              {
                displayName: objective.name,
                targetPercent: objective.target,
                ...(objective.kind === 'availability' && !objective.prometheus
                  ? { timeSliceTarget: 1, timeSliceWindow: '1m' }
                  : {}),
                ...(threshold !== undefined
                  ? { op: 'lte', value: threshold }
                  : {}),
              },
            ],
            alertPolicies: ALERT_POLICIES.map(policy => policy.name),
          },
        });
      }
    }
  }
  const policies: OpenSloDocument[] = ALERT_POLICIES.map(({ name, pair }) => ({
    apiVersion: API_VERSION,
    kind: 'AlertPolicy',
    metadata: { name },
    spec: {
      description: `Burns ${
        pair.threshold
      }× the error budget over ${shortDuration(
        pair.longWindow,
      )}, and still over the last ${shortDuration(
        pair.shortWindow,
      )} (both windows must exceed it)`,
      alertWhenBreaching: true,
      alertWhenResolved: false,
      alertWhenNoData: false,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: { name: `${name}-burn-rate` },
          spec: {
            severity: pair.severity,
            condition: {
              kind: 'burnrate',
              op: 'gt',
              threshold: pair.threshold,
              lookbackWindow: shortDuration(pair.longWindow),
              alertAfter: shortDuration(pair.shortWindow),
            },
          },
        },
      ],
      notificationTargets: [],
    },
  }));
  return slos.length > 0 ? [...services, ...slos, ...policies] : services;
}

function agreementAnnotations(
  entityRef: string,
  agreement: Agreement,
  objective: Objective,
): Record<string, string> {
  const annotations: Record<string, string> = {
    [`${ANNOTATION}/entity-ref`]: entityRef,
    [`${ANNOTATION}/agreement`]: agreement.name,
    [`${ANNOTATION}/agreement-type`]: agreement.type,
    [`${ANNOTATION}/objective-kind`]: objective.kind,
  };
  const optional: Array<[string, unknown]> = [
    ['period', agreement.period],
    ['customer', agreement.customer],
    ['provider', agreement.provider],
    ['effective', agreement.effective],
    ['expires', agreement.expires],
    ['document', agreement.document],
    ['service-credits', agreement.serviceCredits],
    ['threshold', objective.threshold],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined && value !== null) {
      annotations[`${ANNOTATION}/${key}`] = String(value);
    }
  }
  if (agreement.support && agreement.support.length > 0) {
    annotations[`${ANNOTATION}/support`] = JSON.stringify(agreement.support);
  }
  // error-budget policies: the agreement's, and the objective's own
  if (agreement.errorBudgetPolicy !== undefined) {
    annotations[`${ANNOTATION}/error-budget-policy`] = JSON.stringify(
      agreement.errorBudgetPolicy,
    );
  }
  if (objective.errorBudgetPolicy !== undefined) {
    annotations[`${ANNOTATION}/objective-error-budget-policy`] = JSON.stringify(
      objective.errorBudgetPolicy,
    );
  }
  return annotations;
}

/** What an import made of OpenSLO documents: per service, the `spec.serviceDelivery` to declare. */
export type OpenSloImport = {
  services: Array<{
    /** the catalog entity the Service names in its annotation, else the Service's name */
    entity: string;
    serviceDelivery: Pick<ServiceDeliverySpec, 'agreements' | 'serviceHours'>;
  }>;
  /** documents or fields that could not be carried over, each named */
  problems: Array<{ document: string; message: string }>;
};

const PERIOD_OF_WINDOW: Record<string, AgreementPeriod> = {
  '1M': 'month',
  '1Q': 'quarter',
  '28d': 'rolling-28d',
  '30d': 'rolling-30d',
  '4w': 'rolling-28d',
};

/** Turns OpenSLO v1 documents (SLOs with their Services and SLIs) into `spec.serviceDelivery` agreements. */
export function importOpenSlo(documents: unknown[]): OpenSloImport {
  const problems: OpenSloImport['problems'] = [];
  const services = new Map<string, string>();
  const indicators = new Map<string, Record<string, unknown>>();
  const slos: OpenSloDocument[] = [];
  documents.forEach((value, index) => {
    const document = value as Partial<OpenSloDocument> | null;
    const label = `document ${index + 1}${
      document?.metadata?.name
        ? ` (${document.kind} ${document.metadata.name})`
        : ''
    }`;
    if (!document || typeof document !== 'object') return;
    if (document.apiVersion !== API_VERSION) {
      problems.push({
        document: label,
        message: `has apiVersion ${JSON.stringify(
          document.apiVersion,
        )}; only openslo/v1 is read`,
      });
      return;
    }
    const name = document.metadata?.name;
    if (typeof name !== 'string') {
      problems.push({ document: label, message: 'has no metadata.name' });
      return;
    }
    if (document.kind === 'Service') {
      const ref = document.metadata?.annotations?.[`${ANNOTATION}/entity-ref`];
      services.set(name, typeof ref === 'string' ? ref : name);
    } else if (document.kind === 'SLI') {
      indicators.set(name, (document.spec ?? {}) as Record<string, unknown>);
    } else if (document.kind === 'SLO') {
      slos.push(document as OpenSloDocument);
    }
  });

  const byEntity = new Map<
    string,
    { agreements: Map<string, Agreement>; timezone?: string }
  >();
  for (const slo of slos) {
    const label = `SLO ${slo.metadata.name}`;
    const spec = slo.spec as {
      service?: unknown;
      indicator?: { spec?: Record<string, unknown> };
      indicatorRef?: unknown;
      timeWindow?: Array<{
        duration?: unknown;
        isRolling?: unknown;
        calendar?: { timeZone?: unknown };
      }>;
      objectives?: Array<{
        displayName?: unknown;
        target?: unknown;
        targetPercent?: unknown;
        op?: unknown;
        value?: unknown;
      }>;
    };
    const annotations = slo.metadata.annotations ?? {};
    const note = (key: string) => annotations[`${ANNOTATION}/${key}`];
    const service = typeof spec.service === 'string' ? spec.service : undefined;
    const entity =
      note('entity-ref') ??
      (service ? services.get(service) ?? service : undefined);
    if (!entity) {
      problems.push({ document: label, message: 'names no service' });
      continue;
    }
    const window = spec.timeWindow?.[0];
    const period = PERIOD_OF_WINDOW[String(window?.duration)];
    if (
      !period ||
      period.startsWith('rolling') !== (window?.isRolling === true)
    ) {
      problems.push({
        document: label,
        message: `has timeWindow ${JSON.stringify(
          window ?? null,
        )}: only a calendar month (1M) or quarter (1Q), or a rolling 28 or 30 days, can be agreed`,
      });
      continue;
    }
    const sli =
      spec.indicator?.spec ??
      (typeof spec.indicatorRef === 'string'
        ? indicators.get(spec.indicatorRef)
        : undefined);
    if (!sli) {
      problems.push({
        document: label,
        message: `has no indicator, and its indicatorRef names no SLI in the files`,
      });
      continue;
    }
    const entry: { agreements: Map<string, Agreement>; timezone?: string } =
      byEntity.get(entity) ?? { agreements: new Map() };
    byEntity.set(entity, entry);
    const timeZone = window?.calendar?.timeZone;
    if (typeof timeZone === 'string' && timeZone !== 'UTC') {
      entry.timezone = timeZone;
    }
    // SLOs written elsewhere: one agreement per service and period
    const agreementName =
      note('agreement') ?? openSloName(service ?? 'openslo', period);
    let agreement = entry.agreements.get(agreementName);
    if (!agreement) {
      agreement = {
        name: agreementName,
        type: (note('agreement-type') ?? 'OLA') as AgreementType,
        period,
        ...optionalFields(note),
        objectives: [],
      };
      entry.agreements.set(agreementName, agreement);
    }
    for (const [position, target] of (spec.objectives ?? []).entries()) {
      const objective = objectiveOf({
        sli,
        target,
        name:
          typeof target.displayName === 'string'
            ? openSloName(target.displayName)
            : `${openSloName(slo.metadata.name)}${
                position > 0 ? `-${position + 1}` : ''
              }`,
        kind: note('objective-kind'),
        threshold: note('threshold'),
      });
      const objectivePolicy = parsed(note('objective-error-budget-policy'));
      if (typeof objective === 'string') {
        problems.push({ document: label, message: objective });
      } else {
        if (objectivePolicy !== undefined) {
          objective.errorBudgetPolicy =
            objectivePolicy as Objective['errorBudgetPolicy'];
        }
        agreement.objectives!.push(objective);
      }
    }
  }

  return {
    services: [...byEntity.entries()]
      .filter(([, entry]) =>
        [...entry.agreements.values()].some(a => a.objectives!.length > 0),
      )
      .map(([entity, entry]) => ({
        entity,
        serviceDelivery: {
          ...(entry.timezone
            ? { serviceHours: { timezone: entry.timezone } }
            : {}),
          agreements: [...entry.agreements.values()].filter(
            agreement => agreement.objectives!.length > 0,
          ),
        },
      })),
    problems,
  };
}

function optionalFields(note: (key: string) => string | undefined) {
  const fields: Partial<Agreement> = {};
  const copy = (key: string, field: keyof Agreement) => {
    const value = note(key);
    if (value !== undefined) (fields as Record<string, unknown>)[field] = value;
  };
  copy('customer', 'customer');
  copy('provider', 'provider');
  copy('effective', 'effective');
  copy('expires', 'expires');
  copy('document', 'document');
  copy('service-credits', 'serviceCredits');
  const support = parsed(note('support'));
  if (support !== undefined) fields.support = support as SupportTarget[];
  const policy = parsed(note('error-budget-policy'));
  if (policy !== undefined) {
    fields.errorBudgetPolicy = policy as Agreement['errorBudgetPolicy'];
  }
  return fields;
}

/** A JSON annotation; one hand-edited into something else is left out (validation names what is missing). */
function parsed(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** One objective from an SLO's objective and its SLI, or the reason it cannot be one. */
function objectiveOf(input: {
  sli: Record<string, unknown>;
  target: {
    target?: unknown;
    targetPercent?: unknown;
    op?: unknown;
    value?: unknown;
  };
  name: string;
  kind?: string;
  threshold?: string;
}): Objective | string {
  const { sli, target } = input;
  let percent: number | undefined;
  if (typeof target.targetPercent === 'number') {
    percent = target.targetPercent;
  } else if (typeof target.target === 'number') {
    percent = Math.round(target.target * 100 * 1e10) / 1e10;
  }
  if (percent === undefined || !(percent > 0 && percent <= 100)) {
    return `objective ${input.name} has no target between 0 and 1 (or targetPercent between 0 and 100)`;
  }
  const ratio = sli.ratioMetric as
    | {
        good?: {
          metricSource?: { type?: unknown; spec?: { query?: unknown } };
        };
        total?: {
          metricSource?: { type?: unknown; spec?: { query?: unknown } };
        };
        raw?: { metricSource?: { type?: unknown; spec?: { query?: unknown } } };
      }
    | undefined;
  const threshold =
    input.threshold ??
    (target.op === 'lte' && typeof target.value === 'number'
      ? `${Math.round(target.value * 1000)}ms`
      : undefined);
  let kind: Objective['kind'] = threshold ? 'latency' : 'ratio';
  if (
    input.kind === 'availability' ||
    input.kind === 'ratio' ||
    input.kind === 'latency'
  ) {
    kind = input.kind;
  }
  const base: Objective = {
    name: input.name,
    kind,
    target: percent,
    ...(kind === 'latency' && threshold ? { threshold } : {}),
  };
  const promQl = (part?: {
    metricSource?: { type?: unknown; spec?: { query?: unknown } };
  }) =>
    part?.metricSource?.type === 'Prometheus' &&
    typeof part.metricSource.spec?.query === 'string'
      ? part.metricSource.spec.query
      : undefined;
  if (ratio) {
    const good = promQl(ratio.good);
    const total = promQl(ratio.total);
    const raw = promQl(ratio.raw);
    if (good && total) return { ...base, prometheus: { good, total } };
    if (raw) return { ...base, prometheus: { ratio: raw } };
    return `objective ${input.name}: only Prometheus queries can be carried over (good and total, or raw); its data can still be sent to the ingest API`;
  }
  const threshold_ = sli.thresholdMetric as
    | { metricSource?: { type?: unknown } }
    | undefined;
  if (threshold_?.metricSource?.type === INGEST_SOURCE) return base;
  return `objective ${input.name}: its SLI's metric source ${JSON.stringify(
    threshold_?.metricSource?.type ?? null,
  )} cannot be carried over; declare where its data comes from by hand`;
}
