import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CapacityResourceResult } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../../format';
import {
  formatCrossing,
  formatDaysTo,
  formatQuantity,
} from '../../../formatCapacity';
import { CapacityStatusChip } from '../../shared/CapacityStatusChip';

/** @public */
export interface CapacityResourcesTableProps {
  resources: CapacityResourceResult[];
  /** The service's timezone, which the days are days in. */
  timezone: string;
}

// The soonest to reach critical first; those that never do last, by name.
function byDaysToCritical(
  a: CapacityResourceResult,
  b: CapacityResourceResult,
) {
  const days = (r: CapacityResourceResult) => r.daysToCritical ?? Infinity;
  return days(a) - days(b) || a.name.localeCompare(b.name);
}

function Crossing(props: {
  at: string | null;
  days: number | null;
  timezone: string;
}) {
  const { at, days } = props;
  let caption: string | undefined;
  if (typeof days === 'number' && at && at !== 'already') {
    // a date now: the trend line is above the level while the latest sample is not yet
    caption = days > 0 ? formatDaysTo(days) : 'now, by the trend';
  }
  return (
    <>
      {formatCrossing(at, props.timezone)}
      {caption && (
        <Typography variant="caption" color="textSecondary" component="div">
          {caption}
        </Typography>
      )}
    </>
  );
}

/**
 * Every declared resource, the one that reaches its critical threshold soonest first.
 *
 * @public
 */
export function CapacityResourcesTable(props: CapacityResourcesTableProps) {
  const resources = [...props.resources].sort(byDaysToCritical);
  return (
    <InfoCard
      title="Resources"
      subheader="Soonest to reach critical first, at the demand trend of the window"
    >
      <Box overflow="auto">
        <Table size="small" aria-label="Capacity resources">
          <TableHead>
            <TableRow>
              <TableCell>Resource</TableCell>
              <TableCell align="right">Used</TableCell>
              <TableCell align="right">Capacity</TableCell>
              <TableCell align="right">Utilisation</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Trend a day</TableCell>
              <TableCell>Warning</TableCell>
              <TableCell>Critical</TableCell>
              <TableCell>Full</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {resources.map(resource => (
              <TableRow key={resource.name}>
                <TableCell>{resource.name}</TableCell>
                <TableCell align="right">
                  {formatQuantity(resource.used, resource.unit)}
                </TableCell>
                <TableCell align="right">
                  {formatQuantity(resource.capacity, resource.unit)}
                </TableCell>
                <TableCell align="right">
                  {formatPercent(resource.utilisation, 1)}
                </TableCell>
                <TableCell>
                  <CapacityStatusChip status={resource.status} />
                </TableCell>
                <TableCell align="right">
                  {resource.trendPerDay === null
                    ? '—'
                    : `${resource.trendPerDay >= 0 ? '+' : '−'}${formatQuantity(
                        Math.abs(resource.trendPerDay),
                        resource.unit,
                      )}`}
                </TableCell>
                <TableCell>
                  <Crossing
                    timezone={props.timezone}
                    at={resource.warningAt}
                    days={resource.daysToWarning}
                  />
                </TableCell>
                <TableCell>
                  <Crossing
                    timezone={props.timezone}
                    at={resource.criticalAt}
                    days={resource.daysToCritical}
                  />
                </TableCell>
                <TableCell>
                  <Crossing
                    timezone={props.timezone}
                    at={resource.exhaustedAt}
                    days={resource.daysToExhaustion}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
}
