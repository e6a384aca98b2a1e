import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { CapacityResourceResult } from '@service-delivery/plugin-service-delivery-common';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay } from '../../../dates';
import { formatPercent } from '../../../format';
import { formatCrossing, formatQuantity } from '../../../formatCapacity';
import { CapacityStatusChip } from '../../shared/CapacityStatusChip';
import { ChartFigure } from '../../shared/ChartFigure';

/** @public */
export interface CapacityResourceChartProps {
  resource: CapacityResourceResult;
  /** The what-if growth the trend was projected with. */
  growth?: number;
  /** The service's timezone, which the days are days in. */
  timezone: string;
  height?: number;
}

/** Room on the right for "critical 100%" at 12 px. */
const LEVEL_LABEL_WIDTH = 84;

type Point = {
  at: number;
  used?: number;
  forecast?: number;
  capacity: number;
};

/**
 * One resource over time: measured usage, the capacity in force, the warning and critical levels,
 * and the trend projected to exhaustion.
 *
 * @public
 */
export function CapacityResourceChart(props: CapacityResourceChartProps) {
  const { resource, growth = 1, timezone, height = 260 } = props;
  const theme = useTheme();
  const points: Point[] = [
    ...resource.samples.map(s => ({
      at: Date.parse(s.at),
      used: s.used,
      capacity: s.capacity,
    })),
    ...resource.forecast.map(f => ({
      at: Date.parse(f.at),
      forecast: f.used,
      capacity: f.capacity,
    })),
  ].sort((a, b) => a.at - b.at);
  const quantity = (value: number) => formatQuantity(value, resource.unit);

  return (
    <InfoCard
      title={resource.name}
      subheader={`${formatQuantity(
        resource.used,
        resource.unit,
      )} of ${formatQuantity(
        resource.capacity,
        resource.unit,
      )} (${formatPercent(resource.utilisation, 1)}) · full: ${formatCrossing(
        resource.exhaustedAt,
        timezone,
      )}`}
      action={<CapacityStatusChip status={resource.status} />}
    >
      {points.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No usage measured yet.
        </Typography>
      ) : (
        <ChartFigure
          title={`${resource.name} used over time and forecast`}
          points={[
            `now ${formatQuantity(
              resource.used,
              resource.unit,
            )} of ${formatQuantity(
              resource.capacity,
              resource.unit,
            )} (${formatPercent(resource.utilisation, 1)})`,
            `full: ${formatCrossing(resource.exhaustedAt, timezone)}`,
          ]}
        >
          <ResponsiveContainer width="100%" height={height}>
            <ComposedChart
              data={points}
              // the levels' labels sit in the right margin, clear of the lines they name
              margin={{ top: 8, right: LEVEL_LABEL_WIDTH, left: 8, bottom: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="at"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(at: number) => formatDay(at, timezone)}
              />
              <YAxis
                tickFormatter={(value: number) => formatQuantity(value)}
                width={64}
                label={
                  resource.unit
                    ? {
                        value: resource.unit,
                        angle: -90,
                        position: 'insideLeft',
                        fill: theme.palette.text.secondary,
                      }
                    : undefined
                }
              />
              <Tooltip
                labelFormatter={(at: number) => formatDay(at, timezone)}
                formatter={(value: number) => quantity(value)}
              />
              <Legend />
              {resource.warningLevel !== null && (
                <ReferenceLine
                  y={resource.warningLevel}
                  stroke={theme.palette.warning.main}
                  strokeDasharray="4 4"
                  label={{
                    value: `warning ${resource.warning}%`,
                    position: 'right',
                    fill: theme.palette.text.secondary,
                    fontSize: 12,
                  }}
                />
              )}
              {resource.criticalLevel !== null && (
                <ReferenceLine
                  y={resource.criticalLevel}
                  stroke={theme.palette.error.main}
                  strokeDasharray="4 4"
                  label={{
                    value: `critical ${resource.critical}%`,
                    position: 'right',
                    fill: theme.palette.text.secondary,
                    fontSize: 12,
                  }}
                />
              )}
              <Line
                type="stepAfter"
                dataKey="capacity"
                name="Capacity"
                stroke={theme.palette.text.secondary}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="linear"
                dataKey="used"
                name="Used"
                stroke={theme.palette.primary.main}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
              <Line
                type="linear"
                dataKey="forecast"
                name={growth === 1 ? 'Trend' : `Trend at ${growth}× demand`}
                stroke={theme.palette.primary.main}
                strokeDasharray="6 4"
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
    </InfoCard>
  );
}
