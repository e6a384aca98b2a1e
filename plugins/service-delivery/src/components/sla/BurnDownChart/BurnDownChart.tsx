import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  ObjectiveResult,
  PeriodRange,
} from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay, formatInstant } from '../../../dates';
import { formatPercent } from '../../../format';
import { budgetTicks } from './budgetTicks';
import { ChartFigure } from '../../shared/ChartFigure';

type Row = { at: number } & Record<string, number | null>;

/** One row per instant, one column per objective: the points of each burn-down, side by side. */
function mergeBurnDowns(objectives: ObjectiveResult[]): Row[] {
  const rows = new Map<number, Row>();
  for (const objective of objectives) {
    for (const point of objective.burnDown) {
      const at = Date.parse(point.at);
      if (Number.isNaN(at)) {
        continue;
      }
      const row = rows.get(at) ?? ({ at } as Row);
      row[objective.name] =
        point.remainingShare === null ? null : point.remainingShare * 100;
      rows.set(at, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.at - b.at);
}

function lowestShare(rows: Row[]): number {
  let lowest = Infinity;
  for (const row of rows) {
    for (const [key, share] of Object.entries(row)) {
      if (key !== 'at' && share !== null) lowest = Math.min(lowest, share);
    }
  }
  return lowest;
}

/** @public */
export interface BurnDownChartProps {
  objectives: ObjectiveResult[];
  period: PeriodRange;
  /** The service's timezone: the dates on the time axis are its days. */
  timezone: string;
  height?: number;
}

/**
 * How much of each objective's error budget was left over the period, against an even burn that
 * spends it exactly by the period's end.
 *
 * @public
 */
export function BurnDownChart(props: BurnDownChartProps) {
  const { objectives, period, timezone, height = 260 } = props;
  const theme = useTheme();
  const rows = useMemo(() => mergeBurnDowns(objectives), [objectives]);
  const ticks = useMemo(() => budgetTicks(lowestShare(rows)), [rows]);
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.info.main,
    theme.palette.success.dark,
    theme.palette.warning.dark,
  ];

  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No budget data for this period yet.
      </Typography>
    );
  }

  return (
    <ChartFigure
      title="Error budget left over the period"
      points={objectives.map(objective => {
        const last = objective.burnDown[objective.burnDown.length - 1];
        return `${objective.name}: ${
          last?.remainingShare === null || last === undefined
            ? 'no data'
            : `${formatPercent(last.remainingShare * 100, 1)} left`
        }`;
      })}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={rows}
          margin={{ top: 8, right: 24, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[start, end]}
            tickFormatter={(value: number) => formatDay(value, timezone)}
          />
          <YAxis
            domain={[ticks[0], ticks[ticks.length - 1]]}
            ticks={ticks}
            interval={0}
            tickFormatter={(value: number) => formatPercent(value, 2)}
          />
          <Tooltip
            labelFormatter={(value: number) => formatInstant(value, timezone)}
            formatter={(value: number) => `${formatPercent(value, 1)} left`}
          />
          <Legend />
          <ReferenceLine
            segment={[
              { x: start, y: 100 },
              { x: end, y: 0 },
            ]}
            stroke={theme.palette.text.secondary}
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
          />
          <ReferenceLine y={0} stroke={theme.palette.error.main} />
          {objectives.map((objective, index) => (
            <Line
              key={objective.name}
              type="monotone"
              dataKey={objective.name}
              name={objective.name}
              stroke={colors[index % colors.length]}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
