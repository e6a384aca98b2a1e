import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { PortfolioRollup } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../format';
import { formatAmount, formatVariance } from '../../formatCost';
import { CapacityStatusChip } from '../CapacityStatusChip';
import { ContinuityStatusChip } from '../ContinuityStatusChip';
import { KpiTile } from '../KpiTile';
import { shortRef } from '../OverviewContent/names';

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
  return (
    <InfoCard title="Portfolio roll-up">
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6} md={3}>
          <KpiTile
            label="Worst service level"
            value={`${rollup.services} services`}
            status={rollup.status}
          />
        </Grid>
        {rollup.cost && (
          <Grid item xs={12} sm={6} md={3}>
            <KpiTile
              label="Cost and budget, this month"
              value={
                rollup.cost.length === 0
                  ? '—'
                  : rollup.cost
                      .map(c => formatAmount(c.actual, c.currency, 0))
                      .join(' · ')
              }
              caption={rollup.cost
                .map(
                  c =>
                    `budget ${formatAmount(
                      c.budget,
                      c.currency,
                      0,
                    )}, ${formatVariance(c.variance, c.currency, 0)}`,
                )
                .join(' · ')}
            />
          </Grid>
        )}
        <Grid item xs={12} sm={6} md={3}>
          <KpiTile
            label="Worst capacity"
            value={
              rollup.capacity.entityRef
                ? shortRef(rollup.capacity.entityRef)
                : '—'
            }
            caption={<CapacityStatusChip status={rollup.capacity.status} />}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <KpiTile
            label="Worst continuity"
            value={
              rollup.continuity.entityRef
                ? shortRef(rollup.continuity.entityRef)
                : '—'
            }
            caption={
              rollup.continuity.status ? (
                <ContinuityStatusChip status={rollup.continuity.status} />
              ) : (
                'none declared'
              )
            }
          />
        </Grid>
      </Grid>
      <Box mt={2} overflow="auto">
        {rollup.systems.length > 0 ? (
          <Table size="small" aria-label="Systems">
            <TableHead>
              <TableRow>
                <TableCell>System</TableCell>
                <TableCell align="right">Services</TableCell>
                <TableCell align="right">Composite availability</TableCell>
                <TableCell align="right">Strictest target</TableCell>
                <TableCell>Against the SLAs</TableCell>
                <TableCell>Limited most by</TableCell>
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
                      <Typography variant="body2" color="error">
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
