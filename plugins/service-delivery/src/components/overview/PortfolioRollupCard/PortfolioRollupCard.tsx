import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { PortfolioRollup } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../../format';
import { formatAmount, formatVariance } from '../../../formatCost';
import { CapacityStatusChip } from '../../shared/CapacityStatusChip';
import { ContinuityStatusChip } from '../ContinuityStatusChip';
import { KpiTileProps, KpiTileRow } from '../../shared/KpiTile';
import { shortRef } from '../OverviewContent/names';
import { useReadableStyles } from '../../../contrast';

/** Column headers wrap between words, never inside one. */
const HEADER = { whiteSpace: 'nowrap' } as const;

/** The worst service, or "none" when no service's status needs attention. */
function worstName(worst: { entityRef: string | null }): string {
  return worst.entityRef ? shortRef(worst.entityRef) : 'none';
}

/** "and 2 more", or how many services the status is of when none is named. */
function peers(
  worst: { entityRef: string | null; count: number },
  services: number,
): string {
  if (worst.entityRef) {
    return worst.count > 1 ? `and ${worst.count - 1} more` : '';
  }
  return worst.count > 0 ? `${worst.count} of ${services} services` : '';
}

/** The worst service of each discipline, and the portfolio's cost when the reader may see it. */
function rollupTiles(rollup: PortfolioRollup): KpiTileProps[] {
  const { cost } = rollup;
  return [
    {
      label: 'Worst service level',
      value: worstName(rollup.serviceLevel),
      caption: peers(rollup.serviceLevel, rollup.services),
      status: rollup.serviceLevel.status,
    },
    ...(cost
      ? [
          {
            label: 'Cost and budget, this month',
            value:
              cost.length === 0
                ? '—'
                : cost
                    .map(c => formatAmount(c.actual, c.currency, 0))
                    .join(' · '),
            caption: cost
              .map(
                c =>
                  `budget ${formatAmount(
                    c.budget,
                    c.currency,
                    0,
                  )}, ${formatVariance(c.variance, c.currency, 0)}`,
              )
              .join(' · '),
          },
        ]
      : []),
    {
      label: 'Worst capacity',
      value: worstName(rollup.capacity),
      caption: (
        <>
          <CapacityStatusChip status={rollup.capacity.status} />{' '}
          {peers(rollup.capacity, rollup.services)}
        </>
      ),
    },
    {
      label: 'Worst continuity',
      value: worstName(rollup.continuity),
      caption: rollup.continuity.status ? (
        <>
          <ContinuityStatusChip status={rollup.continuity.status} />{' '}
          {peers(rollup.continuity, rollup.services)}
        </>
      ) : (
        'none declared'
      ),
    },
  ];
}

/** @public */
export interface PortfolioRollupCardProps {
  rollup: PortfolioRollup;
}

/**
 * A portfolio's roll-ups: cost and budget summed, the worst service level, capacity and continuity
 * status (and whose), and each system's composite availability against its members' targets.
 *
 * @public
 */
export function PortfolioRollupCard(props: PortfolioRollupCardProps) {
  const { rollup } = props;
  const readable = useReadableStyles();
  return (
    <InfoCard title="Portfolio roll-up">
      <KpiTileRow
        tiles={rollupTiles(rollup)}
        widths={{ xs: 12, sm: 6, md: 3 }}
      />
      <Box mt={2} overflow="auto">
        {rollup.systems.length > 0 ? (
          <Table size="small" aria-label="Systems">
            <TableHead>
              <TableRow>
                <TableCell style={HEADER}>System</TableCell>
                <TableCell align="right" style={HEADER}>
                  Services
                </TableCell>
                <TableCell align="right" style={HEADER}>
                  Composite availability
                </TableCell>
                <TableCell align="right" style={HEADER}>
                  Strictest target
                </TableCell>
                <TableCell style={HEADER}>Against the SLAs</TableCell>
                <TableCell style={HEADER}>Limited most by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rollup.systems.map(system => (
                <TableRow key={system.system}>
                  <TableCell>{shortRef(system.system)}</TableCell>
                  <TableCell align="right">{system.services}</TableCell>
                  <TableCell align="right">
                    {system.achievableBounds
                      ? `${formatPercent(
                          system.achievableBounds.low,
                        )} – ${formatPercent(system.achievableBounds.high)}`
                      : formatPercent(system.achievable)}
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(system.strictestTarget)}
                    {system.strictestTargetOf && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {shortRef(system.strictestTargetOf)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {system.meetsTargets === null && '—'}
                    {system.meetsTargets === true && 'Can meet them'}
                    {system.meetsTargets === false && (
                      <Typography
                        variant="body2"
                        className={readable.errorText}
                      >
                        Below the strictest target
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {system.limitingDependencies.map(shortRef).join(', ') ||
                      '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {rollup.systemsOmitted > 0
              ? `These services span ${rollup.systemsOmitted} systems; filter by system or domain to compose them.`
              : 'These services belong to no system.'}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
