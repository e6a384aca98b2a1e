import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  CapacityHeadlineStatus,
  OverviewCharts as Charts,
  Status,
} from '@service-delivery/plugin-service-delivery-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  DefaultTooltipContent,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent, statusLabels } from '../../../format';
import { formatAmount } from '../../../formatCost';
import { shortRef } from '../OverviewContent/names';
import { ChartFigure } from '../../shared/ChartFigure';

function statusColour(theme: Theme, status: Status | CapacityHeadlineStatus) {
  switch (status) {
    case 'met':
    case 'ok':
      return theme.palette.success.main;
    case 'at-risk':
    case 'warning':
      return theme.palette.warning.main;
    case 'breached':
    case 'critical':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[500];
  }
}

const Empty = (props: { children: string }) => (
  <Typography variant="body2" color="textSecondary">
    {props.children}
  </Typography>
);

function ServicesByStatus(props: { data: Charts['byStatus'] }) {
  const theme = useTheme();
  const data = props.data.map(d => ({
    ...d,
    label: statusLabels[d.status],
  }));
  return (
    <ChartFigure
      title="Services by status"
      points={data.map(d => `${d.label}: ${d.count}`)}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Bar dataKey="count" name="Services" isAnimationActive={false}>
            {data.map(d => (
              <Cell key={d.status} fill={statusColour(theme, d.status)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** How far each service is above (or below) its target, in percentage points. */
/** Roughly the widest character of a 12 px axis label, so that no name is cut at the chart's edge. */
const AXIS_CHAR_WIDTH = 7;
const AXIS_FONT = { fontSize: 12 };

/**
 * A category axis as wide as its longest label needs, up to `max` pixels: a longer label ends in an
 * ellipsis (the chart's text alternative and tooltip give it whole).
 */
function categoryAxis(labels: readonly string[], max: number) {
  const fits = Math.floor((max - 12) / AXIS_CHAR_WIDTH);
  const longest = Math.max(0, ...labels.map(label => label.length));
  return {
    width: Math.max(60, Math.min(longest, fits) * AXIS_CHAR_WIDTH + 12),
    tick: AXIS_FONT,
    tickFormatter: (label: string) =>
      label.length > fits ? `${label.slice(0, fits - 1)}…` : label,
  };
}

function AvailabilityAgainstTarget(props: {
  data: Charts['availabilityAgainstTarget'];
}) {
  const theme = useTheme();
  if (props.data.length === 0) {
    return <Empty>No availability measured against a target yet.</Empty>;
  }
  const data = props.data;
  return (
    <ChartFigure
      title="Availability against target"
      points={data.map(
        d =>
          `${d.name}: ${formatPercent(d.availability)} against ${formatPercent(
            d.target,
          )}`,
      )}
    >
      <ResponsiveContainer
        width="100%"
        height={Math.max(220, data.length * 22)}
      >
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            tickFormatter={(value: number) => `${value > 0 ? '+' : ''}${value}`}
          />
          <YAxis
            type="category"
            dataKey="name"
            interval={0}
            {...categoryAxis(
              data.map(d => d.name),
              200,
            )}
          />
          <ReferenceLine x={0} stroke={theme.palette.text.secondary} />
          <Tooltip
            formatter={(_value: number, _name: string, item: any) => [
              `${formatPercent(
                item.payload.availability,
              )} against ${formatPercent(item.payload.target)}`,
              'Availability',
            ]}
          />
          <Bar
            dataKey="margin"
            name="Points above target"
            isAnimationActive={false}
          >
            {data.map(d => (
              <Cell
                key={d.entityRef}
                fill={
                  d.margin < 0
                    ? theme.palette.error.main
                    : theme.palette.success.main
                }
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

type OwnerMonth = NonNullable<Charts['costByOwner']>[number]['months'][number];

/**
 * The complete months on the actual line; the month under way, whose actual is only what was
 * recorded so far, on a dashed line of its own from the last complete month, so that it does not
 * read as a fall in cost.
 */
function linesOf(months: OwnerMonth[]) {
  return months.map((month, index) => {
    const next = months[index + 1];
    const joinsToDate = !month.complete || (next && !next.complete);
    return {
      month: month.month,
      budget: month.budget,
      actual: month.complete ? month.actual : null,
      toDate: joinsToDate ? month.actual : null,
    };
  });
}

function CostByOwner(props: { data: NonNullable<Charts['costByOwner']> }) {
  const theme = useTheme();
  if (props.data.length === 0) {
    return <Empty>No costs recorded for these services.</Empty>;
  }
  return (
    <Grid container spacing={1}>
      {props.data.slice(0, 4).map(owner => (
        <Grid
          item
          xs={12}
          sm={props.data.length > 1 ? 6 : 12}
          key={`${owner.owner}-${owner.currency}`}
        >
          <Typography variant="subtitle2">
            {shortRef(owner.owner)} ({owner.currency})
          </Typography>
          <ChartFigure
            title={`Cost against budget of ${shortRef(owner.owner)}`}
            points={owner.months.map(
              month =>
                `${month.month}${month.complete ? '' : ' (to date)'}: ${
                  month.actual === null
                    ? 'no data'
                    : formatAmount(month.actual, owner.currency, 0)
                }${
                  month.budget === null
                    ? ''
                    : ` of ${formatAmount(month.budget, owner.currency, 0)}`
                }`,
            )}
          >
            <ResponsiveContainer width="100%" height={140}>
              <LineChart
                data={linesOf(owner.months)}
                margin={{ top: 4, right: 8, left: 0, bottom: 0 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" tick={{ fontSize: 10 }} />
                <YAxis
                  width={56}
                  tick={{ fontSize: 10 }}
                  tickFormatter={(value: number) =>
                    formatAmount(value, owner.currency, 0)
                  }
                />
                <Tooltip
                  formatter={(value: number) =>
                    formatAmount(value, owner.currency, 0)
                  }
                  // the dashed line starts at the last complete month: its value there is the actual
                  content={tooltip => (
                    <DefaultTooltipContent
                      {...tooltip}
                      payload={tooltip.payload?.filter(
                        item =>
                          item.dataKey !== 'toDate' ||
                          item.payload?.actual === null,
                      )}
                    />
                  )}
                />
                <Line
                  type="monotone"
                  dataKey="actual"
                  name="Actual"
                  stroke={theme.palette.primary.main}
                  isAnimationActive={false}
                />
                <Line
                  type="linear"
                  dataKey="toDate"
                  name="To date"
                  stroke={theme.palette.primary.main}
                  strokeDasharray="3 3"
                  isAnimationActive={false}
                />
                <Line
                  type="stepAfter"
                  dataKey="budget"
                  name="Budget"
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="4 4"
                  dot={false}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </ChartFigure>
        </Grid>
      ))}
    </Grid>
  );
}

function CapacityRisk(props: { data: Charts['capacityRisk'] }) {
  const theme = useTheme();
  const { soonest, byStatus } = props.data;
  const data = soonest.map(r => ({
    ...r,
    label: `${r.name} ${r.resource}`,
    days: r.daysToCritical === null ? 0 : Math.ceil(r.daysToCritical),
  }));
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {byStatus
          .filter(s => s.count > 0)
          .map(s => `${s.count} ${s.status}`)
          .join(' · ') || 'No capacity declared'}
      </Typography>
      {data.length === 0 ? (
        <Empty>No resource is near its critical level.</Empty>
      ) : (
        <ChartFigure
          title="Days until critical"
          points={data.map(
            d =>
              `${d.label}: ${d.days === 0 ? 'critical now' : `${d.days} days`}`,
          )}
        >
          <ResponsiveContainer
            width="100%"
            height={Math.max(180, data.length * 22)}
          >
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 8, right: 24, left: 8, bottom: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis
                type="category"
                dataKey="label"
                interval={0}
                {...categoryAxis(
                  data.map(d => d.label),
                  240,
                )}
              />
              <Tooltip
                formatter={(value: number) => [
                  value === 0 ? 'critical now' : `${value} days`,
                  'Until critical',
                ]}
              />
              <Legend />
              <Bar
                dataKey="days"
                name="Days until critical"
                minPointSize={4}
                isAnimationActive={false}
              >
                {data.map(d => (
                  <Cell
                    key={`${d.entityRef}-${d.resource}`}
                    fill={statusColour(theme, d.status)}
                  />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
    </>
  );
}

/** @public */
export interface OverviewChartsProps {
  charts: Charts;
}

/**
 * Where people would rather look than read: services by status, availability against target,
 * cost against budget by owner over the months, and the resources that run out first.
 *
 * @public
 */
export function OverviewCharts(props: OverviewChartsProps) {
  const { charts } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Services by status">
          <ServicesByStatus data={charts.byStatus} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Availability against target"
          subheader="Percentage points above (or below) target, lowest first"
        >
          <AvailabilityAgainstTarget data={charts.availabilityAgainstTarget} />
        </InfoCard>
      </Grid>
      {charts.costByOwner && (
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Cost against budget by owner"
            subheader="The biggest spenders, month by month; the month under way dashed, to date"
          >
            <CostByOwner data={charts.costByOwner} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={charts.costByOwner ? 6 : 12}>
        <InfoCard
          title="Capacity risk"
          subheader="Resources closest to their critical level"
        >
          <Box>
            <CapacityRisk data={charts.capacityRisk} />
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
