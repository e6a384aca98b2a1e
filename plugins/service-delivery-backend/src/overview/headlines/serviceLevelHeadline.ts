import {
  ObjectiveInput,
  ResolvedPeriod,
  ServiceLevelHeadline,
  agreementStatus,
  attributedShareLow,
  burnAttribution,
  isPeriodOver,
  objectiveErrorBudget,
} from '@service-delivery/plugin-service-delivery-common';
import {
  agreementsOf,
  objectivesOf,
  periodKindOf,
  serviceHoursOf,
  timezoneOf,
} from '../../disciplines/declared';
import { periodFor } from '../../disciplines/serviceLevel';
import { HeadlineInput, HeadlineSource } from './HeadlineSource';

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

    for (const agreement of agreementsOf(spec)) {
      const period = periodFor(
        input.period,
        periodKindOf(agreement),
        timezone,
        now,
      );
      const { availability: measured } = await input.measure(period);
      const declared = objectivesOf(agreement);
      const totals = await Promise.all(
        declared.map(objective =>
          objective.kind === 'availability'
            ? undefined
            : input.sliTotals(objective.name, {
                from: period.start,
                to: period.elapsedEnd,
              }),
        ),
      );
      const objectives: ServiceLevelHeadline['agreements'][number]['objectives'] =
        [];
      for (const [index, objective] of declared.entries()) {
        const sums = totals[index];
        const budget = objectiveErrorBudget({
          objective,
          period: { start: period.start, end: period.elapsedEnd },
          availability: {
            agreedServiceTime: measured.periodAgreedServiceTime,
            elapsedAgreedServiceTime: measured.agreedServiceTime,
            downtime: measured.downtime.downtimeSeconds,
          },
          // the period's sums, as one bucket at its start
          buckets: sums
            ? [
                {
                  objective: objective.name,
                  bucketStart: period.start,
                  bucketSeconds: (period.elapsedEnd - period.start) / 1000,
                  good: sums.good,
                  total: sums.total,
                },
              ]
            : [],
        });
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
            ? await topDependencyBurn(input, objective, period)
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
      agreements.push({
        name: agreement.name,
        type: agreement.type,
        customer: agreement.customer,
        period: period.label,
        periodOver: isPeriodOver(period),
        status: agreementStatus(objectives.map(o => o.status)),
        objectives,
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
 * For a breached objective only (the finding it feeds is about breaches): the dependency line with the
 * largest share of the consumed budget, its low bound, as the SLA tab attributes it.
 */
async function topDependencyBurn(
  input: HeadlineInput,
  objective: ObjectiveInput,
  period: ResolvedPeriod,
): Promise<
  { entityRef?: string; group?: string[]; share: number } | undefined
> {
  const measured = { start: period.start, end: period.elapsedEnd };
  const graph = await input.composites.dependencyOutages(period);
  const { incidents } = await input.measure(period);
  const buckets =
    objective.kind === 'availability'
      ? []
      : await input.store.listSli({
          entityRefs: [input.entityRef],
          objective: objective.name,
          range: { from: period.start, to: period.elapsedEnd },
        });
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
