import { OverviewKpis as Kpis } from '@service-delivery/plugin-service-delivery-common';
import { formatCount, formatShare } from '../../../format';
import { formatAmount, formatVariance } from '../../../formatCost';
import { KpiTileProps, KpiTileRow } from '../../shared/KpiTile';

/** @public */
export interface OverviewKpisProps {
  kpis: Kpis;
}

/**
 * The portfolio at a glance: how many services meet their agreements, which are breached or at risk,
 * cost against budget, capacity running out, DR tests overdue and the findings to act on.
 *
 * @public
 */
export function OverviewKpis(props: OverviewKpisProps) {
  const { kpis } = props;
  const [cost, ...otherCurrencies] = kpis.cost ?? [];
  const urgent = kpis.findings.critical + kpis.findings.high;
  const tiles: KpiTileProps[] = [
    {
      label: 'Meeting their SLAs',
      value: formatShare(kpis.meetingSlas),
      caption: `of ${formatCount(
        kpis.services - kpis.byStatus['no-data'],
      )} services with data`,
      description:
        'The share of services whose every agreement is met this period',
    },
    {
      label: 'Breached',
      value: formatCount(kpis.byStatus.breached),
      caption: `${formatCount(kpis.byStatus['at-risk'])} at risk`,
      status: kpis.byStatus.breached > 0 ? 'breached' : undefined,
      description: 'Services with an objective whose error budget is spent',
    },
    ...(kpis.cost
      ? [
          {
            label: 'Cost this month',
            value: cost ? formatAmount(cost.actual, cost.currency, 0) : '—',
            caption: cost
              ? `${formatVariance(cost.variance, cost.currency, 0)}${
                  otherCurrencies.length > 0
                    ? ` · and ${otherCurrencies.length} more currencies`
                    : ''
                }`
              : 'No costs recorded',
            description: cost
              ? `Budget ${formatAmount(cost.budget, cost.currency, 0)}; ${
                  cost.overBudget
                } services already over their budget`
              : undefined,
          },
        ]
      : []),
    {
      label: 'Capacity at risk',
      value: formatCount(kpis.capacityAtRisk),
      caption: `${formatCount(kpis.capacityCritical)} critical`,
      description:
        'Services with a resource above its warning level, or reaching critical within 14 days',
    },
    {
      label: 'DR tests overdue',
      value: formatCount(kpis.drTestsOverdue),
      caption: `${formatCount(
        kpis.continuityFailing,
      )} failing a continuity check`,
    },
    {
      label: 'Findings',
      value: formatCount(urgent),
      caption: `critical or high · ${formatCount(
        kpis.findings.medium + kpis.findings.low,
      )} more`,
      description: `${kpis.metadataProblems} services have metadata problems`,
    },
  ];
  return (
    <KpiTileRow tiles={tiles} widths={{ xs: 6, sm: 4, md: 3, lg: true }} />
  );
}
