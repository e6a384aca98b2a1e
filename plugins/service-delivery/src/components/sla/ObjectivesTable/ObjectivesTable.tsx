import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { ObjectiveResult } from '@service-delivery/plugin-service-delivery-common';
import {
  formatBudgetAmount,
  formatBurnRate,
  formatPercent,
  formatShare,
} from '../../../format';
import { useFocusRingStyles } from '../../../focus';
import { StatusChip } from '../../shared/StatusChip';
import { readableFill, readableText } from '../../../contrast';

type Alert = ObjectiveResult['alerts'][number];

const useStyles = makeStyles((theme: Theme) => ({
  page: {
    ...readableFill(theme, theme.palette.error.main),
    margin: theme.spacing(0.25),
  },
  ticket: {
    ...readableFill(theme, theme.palette.warning.main),
    margin: theme.spacing(0.25),
  },
  overspent: {
    color: readableText(theme, theme.palette.error.main),
  },
}));

const kindLabels: Record<ObjectiveResult['kind'], string> = {
  availability: 'Availability',
  latency: 'Latency',
  ratio: 'Success ratio',
};

/** A budget amount as a share of the allowance and as time (or events). */
function BudgetFigure(props: {
  share: number | null;
  amount: number;
  unit: 'seconds' | 'events';
  overspent?: boolean;
}) {
  const { share, amount, unit, overspent } = props;
  const classes = useStyles();
  return (
    <Box className={overspent ? classes.overspent : undefined}>
      <Typography variant="body2" component="div">
        {formatShare(share)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {formatBudgetAmount(amount, unit)}
      </Typography>
    </Box>
  );
}

function FiringAlerts(props: { alerts: Alert[] }) {
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const firing = props.alerts.filter(alert => alert.firing);
  if (firing.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <>
      {firing.map(alert => (
        <Tooltip
          key={`${alert.longWindow}-${alert.shortWindow}`}
          title={`Burning ${formatBurnRate(alert.longBurnRate)} over ${
            alert.longWindow
          } and ${formatBurnRate(alert.shortBurnRate)} over ${
            alert.shortWindow
          }; the threshold is ${formatBurnRate(alert.threshold)}`}
        >
          <Chip
            size="small"
            // focusable, so that the burn rates show to the keyboard too
            tabIndex={0}
            className={`${
              alert.severity === 'page' ? classes.page : classes.ticket
            } ${focus.ring}`}
            label={`${alert.severity === 'page' ? 'Page' : 'Ticket'}: ${
              alert.longWindow
            }/${alert.shortWindow} > ${formatBurnRate(alert.threshold)}`}
          />
        </Tooltip>
      ))}
    </>
  );
}

/** @public */
export interface ObjectivesTableProps {
  objectives: ObjectiveResult[];
}

/**
 * An agreement's objectives: target and actual, status, and the error budget allowed, consumed and
 * remaining, each as a share of the budget and as downtime (or bad events), with the burn rate and
 * any burn-rate alert that is firing.
 *
 * @public
 */
export function ObjectivesTable(props: ObjectivesTableProps) {
  const { objectives } = props;
  if (objectives.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This agreement declares no objectives.
      </Typography>
    );
  }
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Objectives">
        <TableHead>
          <TableRow>
            <TableCell>Objective</TableCell>
            <TableCell align="right">Target</TableCell>
            <TableCell align="right">Actual</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Budget allowed</TableCell>
            <TableCell align="right">Consumed</TableCell>
            <TableCell align="right">Remaining</TableCell>
            <TableCell align="right">Burn rate</TableCell>
            <TableCell>Burn-rate alerts</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {objectives.map(objective => {
            const budget = objective.errorBudget;
            return (
              <TableRow key={objective.name}>
                <TableCell>
                  <Typography variant="body2">{objective.name}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {kindLabels[objective.kind] ?? objective.kind}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {formatPercent(objective.target)}
                </TableCell>
                <TableCell align="right">
                  {formatPercent(objective.actual)}
                </TableCell>
                <TableCell>
                  <StatusChip status={objective.status} />
                </TableCell>
                <TableCell align="right">
                  {formatBudgetAmount(budget.allowed, budget.unit)}
                </TableCell>
                <TableCell align="right">
                  <BudgetFigure
                    share={budget.consumedShare}
                    amount={budget.consumed}
                    unit={budget.unit}
                  />
                </TableCell>
                <TableCell align="right">
                  <BudgetFigure
                    share={budget.remainingShare}
                    amount={budget.remaining}
                    unit={budget.unit}
                    overspent={budget.remaining < 0}
                  />
                </TableCell>
                <TableCell align="right">
                  {formatBurnRate(budget.burnRate)}
                </TableCell>
                <TableCell>
                  <FiringAlerts alerts={objective.alerts} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
