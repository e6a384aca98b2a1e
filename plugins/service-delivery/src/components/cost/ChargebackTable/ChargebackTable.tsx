import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CostResponse } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../../format';
import { formatAmount } from '../../../formatCost';

/** @public */
export interface ChargebackTableProps {
  chargeback: CostResponse['chargeback'];
  currency: string;
  /** The months the amounts cover, such as `2025-12 – 2026-11`. */
  rangeLabel: string;
  lastCompleteMonth: string | null;
  chargingPolicy?: string;
}

/**
 * Who the cost is charged to: each consumer's declared share of the months shown and of the last
 * complete month, to the cent.
 *
 * @public
 */
export function ChargebackTable(props: ChargebackTableProps) {
  const {
    chargeback,
    currency,
    rangeLabel,
    lastCompleteMonth,
    chargingPolicy,
  } = props;
  return (
    <InfoCard
      title="Chargeback"
      subheader={
        chargingPolicy
          ? `Charging policy: ${chargingPolicy}`
          : 'The cost charged to each consumer by its declared share'
      }
    >
      {chargeback.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No chargeback declared: add cost.chargeback with each consumer's
          share.
        </Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label="Chargeback">
            <TableHead>
              <TableRow>
                <TableCell>Consumer</TableCell>
                <TableCell align="right">Share</TableCell>
                <TableCell align="right">{rangeLabel}</TableCell>
                <TableCell align="right">
                  {lastCompleteMonth ?? 'Last month'}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {chargeback.map(line => (
                <TableRow key={line.consumer}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={line.consumer}
                      defaultKind="group"
                    />
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {line.consumer}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(line.share, 2)}
                  </TableCell>
                  <TableCell align="right">
                    {formatAmount(line.amount, currency)}
                  </TableCell>
                  <TableCell align="right">
                    {formatAmount(line.lastMonthAmount, currency)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </InfoCard>
  );
}
