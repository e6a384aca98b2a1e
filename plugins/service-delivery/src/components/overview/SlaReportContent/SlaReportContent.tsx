import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import PrintIcon from '@material-ui/icons/Print';
import {
  SlaReportResponse,
  SlaReportService,
  attributedShareText,
  dependencyBurnName,
  entityTabPath,
} from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { SlaReportQuery, serviceDeliveryApiRef } from '../../../api';
import {
  PORTFOLIO_TIMEZONE,
  formatDays,
  formatInstant,
  formatInstantRange,
  knownTimezone,
} from '../../../dates';
import {
  correctionReasonLabels,
  formatCount,
  formatPercent,
  formatSeconds,
  formatShare,
  statusLabels,
} from '../../../format';
import { CsvExportButton } from '../../shared/CsvExportButton';
import { KpiTileRow } from '../../shared/KpiTile';
import { LIST_FILTERS } from '../OverviewContent/useOverviewQuery';
import { shortRef } from '../OverviewContent/names';
import { PeriodPicker } from '../../shared/PeriodPicker';
import { StatusChip } from '../../shared/StatusChip';
import { useReadableStyles } from '../../../contrast';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

const useStyles = makeStyles((theme: Theme) => ({
  '@global': {
    '@media print': {
      body: { background: '#fff' },
      // the app's sidebar and the page header are not part of the report
      'nav, header': { display: 'none !important' },
      '[class*="BackstageSidebarPage-root"]': { paddingLeft: '0 !important' },
      // the page scrolls inside itself on screen; on paper every page of it prints
      '[class*="BackstagePage-root"], [class*="BackstageContent-root"]': {
        display: 'block !important',
        height: 'auto !important',
        overflow: 'visible !important',
      },
    },
  },
  noPrint: {
    '@media print': { display: 'none !important' },
  },
  service: {
    marginBottom: theme.spacing(4),
    paddingTop: theme.spacing(2),
    borderTop: `1px solid ${theme.palette.divider}`,
    breakInside: 'avoid-page',
    pageBreakInside: 'avoid',
  },
  table: {
    '& td, & th': { padding: theme.spacing(0.5, 1) },
    marginBottom: theme.spacing(1),
  },
}));

const creditLabels = {
  owed: 'Owed',
  pending: 'Pending: the period is still running',
  none: 'None',
};

function Service(props: { service: SlaReportService }) {
  const readable = useReadableStyles();
  const { service } = props;
  const classes = useStyles();
  const availability = service.availability;
  const timezone = knownTimezone(service.period.timezone);
  return (
    <section className={classes.service} aria-label={service.name}>
      <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
        <Typography variant="h6" component="h2">
          <Link to={entityTabPath(service.entityRef, 'sla')}>
            {service.title ?? service.name}
          </Link>
        </Typography>
        <StatusChip status={service.status} />
      </Box>
      <Typography variant="body2" className={readable.secondaryText} paragraph>
        {[
          service.entityRef,
          service.owner && `owner ${shortRef(service.owner)}`,
          service.system && `system ${shortRef(service.system)}`,
          service.tier,
          `${service.period.label}: ${formatDays(
            service.period,
            timezone,
          )} (${timezone})`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>

      {availability && (
        <Typography variant="body2" paragraph>
          Availability {formatPercent(availability.availability)} against a
          target of {formatPercent(availability.target)} ·{' '}
          {formatSeconds(availability.downtime)} down in{' '}
          {formatSeconds(availability.agreedServiceTime)} of agreed service time
          · {formatCount(availability.failures)} failure
          {availability.failures === 1 ? '' : 's'}
          {availability.mtrs !== null &&
            ` · restored in ${formatSeconds(availability.mtrs)} on average`}
        </Typography>
      )}

      {service.agreements.length === 0 && (
        <Typography
          variant="body2"
          className={readable.secondaryText}
          paragraph
        >
          No agreements declared.
        </Typography>
      )}
      {service.agreements.map(agreement => (
        <Box key={agreement.name} mb={2}>
          <Typography variant="subtitle1" component="h3">
            {agreement.type} {agreement.name}
            {agreement.customer &&
              ` with ${shortRef(agreement.customer)}`} —{' '}
            {statusLabels[agreement.status]}
            {!agreement.inForce && ' (not in force in this period)'}
          </Typography>
          <Table size="small" className={classes.table} aria-label="Objectives">
            <TableHead>
              <TableRow>
                <TableCell>Objective</TableCell>
                <TableCell align="right">Target</TableCell>
                <TableCell align="right">Achieved</TableCell>
                <TableCell align="right">Error budget left</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Burned most during</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {agreement.objectives.map(objective => (
                <TableRow key={objective.name}>
                  <TableCell>
                    {objective.name} ({objective.kind})
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(objective.target)}
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(objective.actual)}
                  </TableCell>
                  <TableCell align="right">
                    {formatShare(objective.remainingShare)}
                  </TableCell>
                  <TableCell>{statusLabels[objective.status]}</TableCell>
                  <TableCell>
                    {objective.topDependencyBurn?.share
                      ? `${dependencyBurnName(
                          objective.topDependencyBurn,
                        )} outages: ${attributedShareText(
                          objective.topDependencyBurn.share,
                        )} of the budget burned`
                      : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {agreement.support.length > 0 && (
            <Table
              size="small"
              className={classes.table}
              aria-label="Support targets"
            >
              <TableHead>
                <TableRow>
                  <TableCell>Priority</TableCell>
                  <TableCell align="right">Respond within</TableCell>
                  <TableCell align="right">Resolve within</TableCell>
                  <TableCell align="right">Incidents</TableCell>
                  <TableCell align="right">Responded in time</TableCell>
                  <TableCell align="right">Resolved in time</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {agreement.support.map(target => (
                  <TableRow key={target.priority}>
                    <TableCell>{target.priority}</TableCell>
                    <TableCell align="right">
                      {formatSeconds(target.responseTarget)}
                    </TableCell>
                    <TableCell align="right">
                      {formatSeconds(target.resolutionTarget)}
                    </TableCell>
                    <TableCell align="right">{target.incidents}</TableCell>
                    <TableCell align="right">
                      {target.respondedInTime} (
                      {formatPercent(target.responseCompliance, 1)})
                    </TableCell>
                    <TableCell align="right">
                      {target.resolvedInTime} (
                      {formatPercent(target.resolutionCompliance, 1)})
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Typography variant="body2">
            Service credits: {creditLabels[agreement.serviceCredits.state]}
            {agreement.serviceCredits.missedObjectives.length > 0 &&
              ` (missed: ${agreement.serviceCredits.missedObjectives.join(
                ', ',
              )})`}
            {agreement.serviceCredits.terms &&
              ` — terms: ${agreement.serviceCredits.terms}`}
          </Typography>
          {agreement.corrections && agreement.corrections.length > 0 && (
            <Table
              size="small"
              className={classes.table}
              aria-label={`Corrections of ${agreement.name}`}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Correction: excludes</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell>Note</TableCell>
                  <TableCell>Recorded by</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {agreement.corrections.map(correction => (
                  <TableRow key={`${correction.source}/${correction.id}`}>
                    <TableCell>
                      {correction.incident
                        ? `Incident ${correction.incident.id} (${correction.incident.source})`
                        : formatInstantRange(
                            correction.from,
                            correction.to,
                            timezone,
                          )}
                    </TableCell>
                    <TableCell>
                      {correctionReasonLabels[correction.reason] ??
                        correction.reason}
                    </TableCell>
                    <TableCell>{correction.note}</TableCell>
                    <TableCell>
                      {correction.writtenBy ?? 'unknown'}
                      {correction.writtenAt &&
                        `, ${formatInstant(correction.writtenAt, timezone)}`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      ))}

      {service.incidents.length > 0 && (
        <Table size="small" className={classes.table} aria-label="Incidents">
          <TableHead>
            <TableRow>
              <TableCell>Incident</TableCell>
              <TableCell>Priority</TableCell>
              <TableCell>Impact</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Resolved</TableCell>
              <TableCell align="right">Downtime</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {service.incidents.map(incident => (
              <TableRow key={incident.id}>
                <TableCell>
                  {incident.id}: {incident.title}
                </TableCell>
                <TableCell>{incident.priority ?? '—'}</TableCell>
                <TableCell>{incident.impact}</TableCell>
                <TableCell>
                  {formatInstant(incident.startedAt, timezone)}
                </TableCell>
                <TableCell>
                  {incident.resolvedAt
                    ? formatInstant(incident.resolvedAt, timezone)
                    : 'open'}
                </TableCell>
                <TableCell align="right">
                  {formatSeconds(incident.downtime)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function Summary(props: { report: SlaReportResponse }) {
  const { summary } = props.report;
  return (
    <KpiTileRow
      widths={{ xs: 6, md: 3 }}
      tiles={[
        { label: 'Services', value: formatCount(summary.services) },
        {
          label: 'Breached',
          value: formatCount(summary.byStatus.breached),
          caption: `${formatCount(summary.byStatus['at-risk'])} at risk`,
        },
        {
          label: 'Agreements breached',
          value: `${formatCount(summary.agreementsBreached)} of ${formatCount(
            summary.agreements,
          )}`,
        },
        {
          label: 'Service credits owed',
          value: formatCount(summary.creditsOwed),
          caption: `${formatCount(summary.creditsPending)} pending`,
        },
      ]}
    />
  );
}

/** The report's query from the URL: one service, or the overview's filters. */
function useReportQuery(): [SlaReportQuery, (period?: string) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => {
    const result: SlaReportQuery = {
      entityRef: params.get('entityRef') || undefined,
      q: params.get('q') || undefined,
      period: params.get('period') || undefined,
    };
    for (const name of LIST_FILTERS) {
      const value = params.get(name);
      if (value) result[name] = value.split(',').filter(Boolean);
    }
    return result;
  }, [params]);
  const setPeriod = (period?: string) =>
    setParams(previous => {
      const next = new URLSearchParams(previous);
      if (period) next.set('period', period);
      else next.delete('period');
      return next;
    });
  return [query, setPeriod];
}

/** What the report covers, in words. */
function scopeText(report: SlaReportResponse): string {
  if (report.scope.entityRef) return shortRef(report.scope.entityRef);
  const parts = Object.entries(report.scope.filters).map(
    ([name, values]) => `${name} ${values.map(shortRef).join(', ')}`,
  );
  return parts.length > 0 ? parts.join('; ') : 'every service';
}

/**
 * The printable SLA report of one service (`?entityRef=`) or a filtered portfolio (the overview's
 * filters) for a period: objectives against targets, availability, support targets, service
 * credits and incidents, laid out for paper, and the same data as CSV.
 *
 * @public
 */
export function SlaReportContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const readable = useReadableStyles();
  const classes = useStyles();
  const api = useApi(serviceDeliveryApiRef);
  const [query, setPeriod] = useReportQuery();
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () => api.getSlaReport(JSON.parse(key)),
    [api, key],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    body = (
      <>
        <Box mb={3}>
          <Typography variant="h5" component="h1">
            SLA report: {scopeText(value)}
          </Typography>
          <Typography variant="body2" className={readable.secondaryText}>
            {value.period ? `Period ${value.period}` : 'Current periods'} ·
            generated{' '}
            {formatInstant(
              value.generatedAt,
              // one service's report in its zone; a portfolio's in UTC
              value.services.length === 1
                ? value.services[0].period.timezone
                : PORTFOLIO_TIMEZONE,
            )}
          </Typography>
        </Box>
        <Box mb={3}>
          <Summary report={value} />
        </Box>
        {value.services.length === 0 && (
          <Typography variant="body1">No services match.</Typography>
        )}
        {value.services.map(service => (
          <Service key={service.entityRef} service={service} />
        ))}
      </>
    );
  }

  return (
    <div className={`${focus.controls} ${tableText.words}`}>
      <Box
        className={classes.noPrint}
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        gridGap={12}
        mb={3}
      >
        <PeriodPicker value={query.period} onChange={setPeriod} />
        <Button
          variant="contained"
          color="primary"
          startIcon={<PrintIcon />}
          onClick={() => window.print()}
        >
          Print
        </Button>
        <CsvExportButton
          of="sla-report"
          query={query}
          filename={`sla-report${query.period ? `-${query.period}` : ''}.csv`}
        />
      </Box>
      {body}
    </div>
  );
}
