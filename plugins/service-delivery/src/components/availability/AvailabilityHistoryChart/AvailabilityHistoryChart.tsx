import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { AvailabilityResponse } from '@service-delivery/plugin-service-delivery-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../../../format';
import { ChartFigure } from '../../shared/ChartFigure';

/** @public */
export interface AvailabilityHistoryChartProps {
  history: AvailabilityResponse['history'];
  target: number | null;
  height?: number;
}

/**
 * Availability per period, oldest first, against the agreed target.
 *
 * @public
 */
export function AvailabilityHistoryChart(props: AvailabilityHistoryChartProps) {
  const { history, target, height = 260 } = props;
  const theme = useTheme();
  if (!history.some(point => point.availability !== null)) {
    return (
      <Typography variant="body2" color="textSecondary">
        No availability measured in earlier periods yet.
      </Typography>
    );
  }
  // Availability lives just under 100 %: an axis from 0 would flatten every line.
  const lowest = (dataMin: number) =>
    Math.floor(Math.min(dataMin, target ?? dataMin) * 10 - 1) / 10;
  return (
    <ChartFigure
      title={`Availability per period${
        target === null ? '' : `, target ${formatPercent(target)}`
      }`}
      points={history.map(
        point =>
          `${point.period}: ${
            point.availability === null
              ? 'no data'
              : formatPercent(point.availability)
          }`,
      )}
    >
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={history}
          margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="period" />
          <YAxis
            domain={[lowest, 100]}
            tickFormatter={(value: number) => formatPercent(value, 2)}
            width={72}
          />
          <Tooltip formatter={(value: number) => formatPercent(value)} />
          {target !== null && (
            <ReferenceLine
              y={target}
              stroke={theme.palette.error.main}
              strokeDasharray="4 4"
              label={{
                value: `target ${formatPercent(target)}`,
                position: 'insideBottomRight',
                fill: theme.palette.text.secondary,
              }}
            />
          )}
          <Line
            type="monotone"
            dataKey="availability"
            name="Availability"
            stroke={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
