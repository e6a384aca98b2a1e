import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { OutageBreakdown } from '@service-delivery/plugin-service-delivery-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatSeconds } from '../../../format';
import { ChartFigure } from '../../shared/ChartFigure';

type Bucket = { label: string; downtime: number; incidents?: number };

function DowntimeBars(props: { title: string; buckets: Bucket[] }) {
  const { title, buckets } = props;
  const theme = useTheme();
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        {title}
      </Typography>
      {buckets.some(bucket => bucket.downtime > 0) ? (
        <ChartFigure
          title={`Downtime ${title.toLocaleLowerCase('en-US')}`}
          points={buckets
            .filter(bucket => bucket.downtime > 0)
            .map(
              bucket => `${bucket.label}: ${formatSeconds(bucket.downtime)}`,
            )}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart
              data={buckets}
              margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" interval="preserveStartEnd" />
              <YAxis
                tickFormatter={(value: number) => formatSeconds(value, 1)}
                width={56}
              />
              <Tooltip
                formatter={(
                  value: number,
                  _name: string,
                  item: { payload?: Bucket },
                ) => {
                  const incidents = item.payload?.incidents;
                  return incidents === undefined
                    ? formatSeconds(value)
                    : `${formatSeconds(value)} in ${incidents} incident${
                        incidents === 1 ? '' : 's'
                      }`;
                }}
              />
              <Bar
                dataKey="downtime"
                name="Downtime"
                fill={theme.palette.error.light}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No downtime.
        </Typography>
      )}
    </>
  );
}

/** @public */
export interface OutageAnalysisCardProps {
  analysis: OutageBreakdown;
  /** The IANA time zone the hours of day are in. */
  timezone: string;
}

/**
 * ITIL's service outage analysis: where the period's minutes of downtime went, by cause, by priority
 * and by hour of day.
 *
 * @public
 */
export function OutageAnalysisCard(props: OutageAnalysisCardProps) {
  const { analysis, timezone } = props;
  const byCause = analysis.byCause.map(group => ({
    label: group.key,
    downtime: group.downtime,
    incidents: group.incidents,
  }));
  const byPriority = analysis.byPriority.map(group => ({
    label: group.key,
    downtime: group.downtime,
    incidents: group.incidents,
  }));
  const byHour = analysis.byHourOfDay.map(bucket => ({
    label: `${String(bucket.hour).padStart(2, '0')}:00`,
    downtime: bucket.downtime,
  }));
  return (
    <InfoCard
      title="Where the minutes went"
      subheader="Downtime in agreed service time by cause, priority and hour of day"
    >
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <DowntimeBars title="By cause" buckets={byCause} />
        </Grid>
        <Grid item xs={12} md={4}>
          <DowntimeBars title="By priority" buckets={byPriority} />
        </Grid>
        <Grid item xs={12} md={4}>
          <DowntimeBars
            title={`By hour of day (${timezone})`}
            buckets={byHour}
          />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
