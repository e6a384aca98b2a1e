import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { FullyLoadedCostResult } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../../format';
import { formatAmount } from '../../../formatCost';
import { useTableTextStyles } from '../../../tableText';

// An amount or a header never breaks across lines ("EUR 12,480" or "Share carried" in two): the
// table scrolls sideways instead.
const NOWRAP = { whiteSpace: 'nowrap' } as const;

const platformCount = (count: number) =>
  count === 1 ? '1 other platform' : `${count} other platforms`;

/** @public */
export interface FullyLoadedCostCardProps {
  fullyLoaded: FullyLoadedCostResult;
  currency: string;
}

/**
 * The service's own cost and its share of every platform it depends on, directly or through
 * others: what it really costs to run.
 *
 * @public
 */
export function FullyLoadedCostCard(props: FullyLoadedCostCardProps) {
  const { fullyLoaded, currency } = props;
  const tableText = useTableTextStyles();
  return (
    <InfoCard
      title="Fully loaded cost"
      subheader="Own cost plus the share of each platform it depends on: by the platform's chargeback where declared, evenly among its dependants otherwise"
    >
      <Box overflow="auto">
        <Table
          size="small"
          aria-label="Fully loaded cost"
          className={tableText.compact}
        >
          <TableHead>
            <TableRow>
              <TableCell style={NOWRAP}>Cost</TableCell>
              <TableCell align="right" style={NOWRAP}>
                Its cost
              </TableCell>
              <TableCell align="right" style={NOWRAP}>
                Share carried
              </TableCell>
              <TableCell align="right" style={NOWRAP}>
                Amount
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell>Own cost</TableCell>
              <TableCell align="right" />
              <TableCell align="right" />
              <TableCell align="right" style={NOWRAP}>
                {formatAmount(fullyLoaded.own, currency)}
              </TableCell>
            </TableRow>
            {fullyLoaded.dependencies.map(dependency => (
              <TableRow key={dependency.entityRef}>
                <TableCell>
                  <EntityRefLink entityRef={dependency.entityRef} />
                  {!dependency.direct && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      through other dependencies
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right" style={NOWRAP}>
                  {formatAmount(dependency.cost, currency)}
                </TableCell>
                <TableCell align="right" style={NOWRAP}>
                  {formatPercent(dependency.share, 2)}
                </TableCell>
                <TableCell align="right" style={NOWRAP}>
                  {formatAmount(dependency.amount, currency)}
                </TableCell>
              </TableRow>
            ))}
            {fullyLoaded.unlisted && (
              <TableRow>
                <TableCell>
                  {platformCount(fullyLoaded.unlisted.platforms)}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    whose cost you may not read
                  </Typography>
                </TableCell>
                <TableCell align="right" />
                <TableCell align="right" />
                <TableCell align="right" style={NOWRAP}>
                  {formatAmount(fullyLoaded.unlisted.amount, currency)}
                </TableCell>
              </TableRow>
            )}
            <TableRow>
              <TableCell>
                <strong>Fully loaded</strong>
              </TableCell>
              <TableCell align="right" />
              <TableCell align="right" />
              <TableCell align="right" style={NOWRAP}>
                <strong>{formatAmount(fullyLoaded.total, currency)}</strong>
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </Box>
      {fullyLoaded.dependencies.length === 0 && !fullyLoaded.unlisted && (
        <Typography variant="body2" color="textSecondary">
          No dependency with a recorded cost.
        </Typography>
      )}
      {fullyLoaded.cycles.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Dependency cycles were cut where they close:{' '}
          {fullyLoaded.cycles.map(c => `${c.from} → ${c.to}`).join(', ')}.
        </Typography>
      )}
    </InfoCard>
  );
}
