import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  amber,
  blue,
  deepPurple,
  green,
  pink,
  teal,
  brown,
  indigo,
} from '@material-ui/core/colors';
import { CostResponse } from '@service-delivery/plugin-service-delivery-common';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatAmount } from '../../../formatCost';
import { ChartFigure } from '../../shared/ChartFigure';

const CATEGORY_COLOURS = [
  blue[500],
  teal[400],
  amber[600],
  deepPurple[400],
  pink[400],
  green[600],
  indigo[300],
  brown[400],
];

/** @public */
export interface MonthlyCostChartProps {
  months: CostResponse['months'];
  categories: string[];
  currency: string;
  height?: number;
}

/**
 * The actuals of each month stacked by category, against the month's budget.
 *
 * @public
 */
export function MonthlyCostChart(props: MonthlyCostChartProps) {
  const { months, categories, currency, height = 320 } = props;
  const theme = useTheme();
  if (!months.some(month => month.total !== null)) {
    return (
      <Typography variant="body2" color="textSecondary">
        No cost recorded in these months.
      </Typography>
    );
  }
  const money = (value: number) => formatAmount(value, currency, 0);
  return (
    <ChartFigure
      title="Cost per month against budget"
      points={months.map(
        month =>
          `${month.month}: ${
            month.total === null
              ? 'no data'
              : formatAmount(month.total, currency)
          }${
            month.budget === null || month.budget === undefined
              ? ''
              : ` of ${formatAmount(month.budget, currency)} budget`
          }`,
      )}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={months}
          margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis tickFormatter={money} width={96} />
          <Tooltip
            formatter={(value: number) => formatAmount(value, currency)}
          />
          <Legend />
          {categories.map((category, index) => (
            <Bar
              key={category}
              name={category}
              stackId="actual"
              dataKey={(month: CostResponse['months'][number]) =>
                month.byCategory[category] ?? 0
              }
              fill={CATEGORY_COLOURS[index % CATEGORY_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
          <Line
            type="stepAfter"
            dataKey="budget"
            name="Budget"
            stroke={theme.palette.error.main}
            strokeDasharray="6 3"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
