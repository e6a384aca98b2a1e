import {
  Agreement,
  IncidentRecord,
  Objective,
  ObjectiveInput,
  ResolvedPeriod,
  ServiceLevelHeadline,
  SliBucketInput,
  TimeInterval,
  agreedMeasurements,
  agreementStatus,
  attributedShareLow,
  bucketsOutside,
  burnAttribution,
  correctionsOfAgreement,
  errorBudgetPolicyState,
  evaluateObjective,
  isPeriodOver,
  stepsInForce,
} from '@service-delivery/plugin-service-delivery-common';
import {
  StoredCorrection,
  TimeRange,
} from '../../database/ServiceDeliveryStore';
import {
  agreementsOf,
  inForce,
  objectivesOf,
  periodKindOf,
  serviceHoursOf,
  timezoneOf,
} from '../../disciplines/declared';
import {
  evaluateAgreementPolicy,
  governingPolicy,
  readsBurnRateAlerts,
} from '../../disciplines/errorBudgetPolicy';
import {
  ALERT_LOOKBACK_MS,
  MeasuredData,
  alertLookback,
  objectiveAlerts,
  periodFor,
} from '../../disciplines/serviceLevel';
import { HeadlineInput, HeadlineSource } from './HeadlineSource';

/**
 * The ranges of SLI sums the headline reads for an entity: each agreement's period, when the
 * agreement has an event objective. Asked ahead of a batch's rows, so that one query answers them
 * all; a range that differs from what `compute` asks costs a query, never a wrong figure.
 */
export function sliRangesOf(
  spec: Parameters<typeof agreementsOf>[0],
  requestedPeriod: string | undefined,
  now: number,
): TimeRange[] {
  const timezone = timezoneOf(spec);
  return agreementsOf(spec)
    .filter(agreement =>
      objectivesOf(agreement).some(
        objective => objective.kind !== 'availability',
      ),
    )
    .map(agreement => {
      const period = periodFor(
        requestedPeriod,
        periodKindOf(agreement),
        timezone,
        now,
      );
      return { from: period.start, to: period.elapsedEnd };
    });
}

/**
 * Service Level Management: each agreement's objectives against their targets in the agreement's
 * period, as the SLA tab computes them (the event objectives from the period's sums of good and total
 * events), and the least error budget left.
 */
export const serviceLevelHeadline: HeadlineSource<'serviceLevel'> = {
  discipline: 'serviceLevel',

  appliesTo: ({ spec }) => agreementsOf(spec).length > 0,

  async compute(input) {
    const { spec, now } = input;
    const timezone = timezoneOf(spec);
    let budgetRemainingShare: number | null = null;
    let budgetObjective: string | null = null;
    const agreements: ServiceLevelHeadline['agreements'] = [];
    const corrections = await input.store.listCorrections({
      entityRefs: [input.entityRef],
    });

    for (const agreement of agreementsOf(spec)) {
      const period = periodFor(
        input.period,
        periodKindOf(agreement),
        timezone,
        now,
      );
      const measured = await input.measure(period);
      const agreed = agreedMeasurements({
        corrections,
        agreement: agreement.name,
        incidents: measured.incidents,
        period,
        serviceHours: serviceHoursOf(spec),
        partialOutageWeight: input.settings.partialOutageWeight,
        measured: measured.availability,
      });
      const declared = objectivesOf(agreement);
      const range = { from: period.start, to: period.elapsedEnd };
      // the period's sums as one bucket at its start, unless corrections exclude some of its time
      const bucketsOf = async (
        objective: ObjectiveInput,
      ): Promise<SliBucketInput[]> => {
        if (objective.kind === 'availability') return [];
        if (agreed.excludedEventTime.length > 0) {
          return input.store.listSli({
            entityRefs: [input.entityRef],
            objective: objective.name,
            range,
          });
        }
        const sums = await input.sliTotals(objective.name, range);
        return [
          {
            objective: objective.name,
            bucketStart: period.start,
            bucketSeconds: (period.elapsedEnd - period.start) / 1000,
            good: sums.good,
            total: sums.total,
          },
        ];
      };
      const buckets = await Promise.all(declared.map(bucketsOf));
      const objectives: ServiceLevelHeadline['agreements'][number]['objectives'] =
        [];
      const budgets = declared.map((objective, index) =>
        evaluateObjective({
          objective,
          period,
          agreed,
          buckets: buckets[index],
        }),
      );
      for (const [index, objective] of declared.entries()) {
        const budget = budgets[index];
        if (
          budget.remainingShare !== null &&
          (budgetRemainingShare === null ||
            budget.remainingShare < budgetRemainingShare)
        ) {
          budgetRemainingShare = budget.remainingShare;
          budgetObjective = `${agreement.name}/${objective.name}`;
        }
        const dependencyBurn =
          budget.status === 'breached'
            ? await topDependencyBurn(input, objective, period, agreed)
            : undefined;
        objectives.push({
          name: objective.name,
          kind: objective.kind,
          target: objective.target,
          actual: budget.actual,
          status: budget.status,
          remainingShare: budget.remainingShare,
          burnRate:
            budget.burnRate === null || !Number.isFinite(budget.burnRate)
              ? null
              : budget.burnRate,
          ...(dependencyBurn && { dependencyBurn }),
        });
      }
      const policy = isPeriodOver(period)
        ? undefined
        : await currentPolicy(input, {
            agreement,
            period,
            budgets: declared.map((objective, index) => ({
              objective,
              budget: budgets[index],
            })),
            corrections,
          });
      agreements.push({
        name: agreement.name,
        type: agreement.type,
        customer: agreement.customer,
        period: period.label,
        periodOver: isPeriodOver(period),
        status: agreementStatus(objectives.map(o => o.status)),
        objectives,
        ...(policy && { policy }),
      });
    }

    const status = agreementStatus(agreements.map(a => a.status));
    const worst = agreements.find(
      a => a.status === status && status !== 'no-data',
    );
    return {
      status,
      worstAgreement: worst?.name ?? null,
      period: agreements[0]?.period ?? '',
      agreements,
      budgetRemainingShare,
      budgetObjective,
    };
  },
};

/**
 * The agreement's error-budget policy in its current period, evaluated as the SLA tab and the release
 * gate evaluate it: from the objectives' budgets and statuses, and their burn-rate alerts where a
 * step reads them (only then are the last days' SLI buckets read). Undefined when no policy applies.
 */
async function currentPolicy(
  input: HeadlineInput,
  options: {
    agreement: Agreement;
    period: ResolvedPeriod;
    budgets: Array<{
      objective: Objective;
      budget: ReturnType<typeof evaluateObjective>;
    }>;
    corrections: StoredCorrection[];
  },
): Promise<ServiceLevelHeadline['agreements'][number]['policy']> {
  const { agreement, period, budgets } = options;
  const { now, settings } = input;
  const defaults = settings.errorBudgetPolicy;
  const governing = budgets.map(({ objective }) =>
    governingPolicy({ agreement, objective, defaults }),
  );
  if (!governing.some(Boolean)) return undefined;
  const data = governing.some(readsBurnRateAlerts)
    ? new MeasuredData(input.store, input.entityRef, {
        from: now - ALERT_LOOKBACK_MS,
        to: now,
      })
    : undefined;
  const lookback = data
    ? await alertLookback(
        data,
        correctionsOfAgreement(options.corrections, agreement.name),
        now,
      )
    : undefined;
  const objectives = [];
  for (const [index, { objective, budget }] of budgets.entries()) {
    const alerts =
      data && readsBurnRateAlerts(governing[index])
        ? await objectiveAlerts({
            objective,
            data,
            lookback,
            serviceHours: serviceHoursOf(input.spec),
            partialOutageWeight: settings.partialOutageWeight,
            now,
          })
        : [];
    objectives.push({
      name: objective.name,
      remainingShare: budget.remainingShare,
      status: budget.status,
      firingAlerts: alerts
        .filter(alert => alert.firing)
        .map(alert => alert.severity),
    });
  }
  const steps = evaluateAgreementPolicy({
    agreement,
    inForce: inForce(agreement, Math.min(now, period.elapsedEnd - 1)),
    objectives,
    defaults,
  });
  if (steps.length === 0) return undefined;
  return { state: errorBudgetPolicyState(steps), inForce: stepsInForce(steps) };
}

/**
 * For a breached objective only (the finding it feeds is about breaches): the dependency line with the
 * largest share of the consumed budget, its low bound, as the SLA tab attributes it.
 */
async function topDependencyBurn(
  input: HeadlineInput,
  objective: ObjectiveInput,
  period: ResolvedPeriod,
  agreed: { incidents: IncidentRecord[]; excludedEventTime: TimeInterval[] },
): Promise<
  { entityRef?: string; group?: string[]; share: number } | undefined
> {
  const measured = { start: period.start, end: period.elapsedEnd };
  const graph = await input.composites.dependencyOutages(period);
  const { incidents } = agreed;
  const buckets =
    objective.kind === 'availability'
      ? []
      : bucketsOutside(
          await input.store.listSli({
            entityRefs: [input.entityRef],
            objective: objective.name,
            range: { from: period.start, to: period.elapsedEnd },
          }),
          agreed.excludedEventTime,
        );
  const [top] = burnAttribution({
    objective,
    period: measured,
    root: input.entityRef,
    edgesOf: ref => graph.edgesOf(ref),
    incidentsOf: ref =>
      ref === input.entityRef ? incidents : graph.incidentsOf(ref),
    serviceHours: serviceHoursOf(input.spec),
    buckets,
    partialOutageWeight: input.settings.partialOutageWeight,
  }).dependencies.sort((a, b) => (b.share?.low ?? 0) - (a.share?.low ?? 0));
  if (!top?.share) return undefined;
  return {
    ...(top.group ? { group: top.group } : { entityRef: top.entityRef }),
    share: attributedShareLow(top.share),
  };
}
