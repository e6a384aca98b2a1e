import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  AgreementResult,
  PeriodRange,
} from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';
import { formatDay, formatDays, formatSince } from '../../../dates';
import { BurnAttributionList } from '../BurnAttributionList';
import { BurnDownChart } from '../BurnDownChart';
import { DeclaredLink } from '../../shared/DeclaredLink';
import { ErrorBudgetPolicyPanel } from '../ErrorBudgetPolicyPanel';
import { ObjectivesTable } from '../ObjectivesTable';
import { StatusChip } from '../../shared/StatusChip';
import { SupportTargetsTable } from '../SupportTargetsTable';
import { useFocusRingStyles } from '../../../focus';

const typeDescriptions: Record<AgreementResult['type'], string> = {
  SLA: 'Service level agreement with a business customer',
  OLA: 'Operational level agreement with an internal team',
  UC: 'Underpinning contract with a supplier',
};

const periodLabels: Record<string, string> = {
  month: 'Monthly',
  quarter: 'Quarterly',
  'rolling-28d': 'Rolling 28 days',
  'rolling-30d': 'Rolling 30 days',
};

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

function inForceText(agreement: AgreementResult): string {
  // whole days in UTC, as the backend reads them; `expires` is the first day no longer in force
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const { effective, expires } = agreement;
  if (effective && expires) {
    return formatDays({ start: day(effective), end: day(expires) }, 'UTC');
  }
  if (effective) {
    return formatSince(day(effective), 'UTC');
  }
  if (expires) {
    return `until ${formatDay(day(expires) - 1, 'UTC')}`;
  }
  return 'open-ended';
}

/** @public */
export interface AgreementCardProps {
  agreement: AgreementResult;
  period: PeriodRange;
  /** The service's timezone, which its periods are calendar periods in. */
  timezone: string;
}

/**
 * One agreement: who it is between, whether it is in force, its objectives with their error budgets,
 * its error-budget policy, the budget burn-down, and the support targets.
 *
 * @public
 */
export function AgreementCard(props: AgreementCardProps) {
  const { agreement, period, timezone } = props;
  const focus = useFocusRingStyles();
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
          <Tooltip title={typeDescriptions[agreement.type] ?? agreement.type}>
            <Chip
              size="small"
              color="primary"
              label={agreement.type}
              // focusable, so that what the type means shows to the keyboard too
              tabIndex={0}
              className={focus.ring}
            />
          </Tooltip>
          <span>{agreement.name}</span>
          <StatusChip status={agreement.status} />
          {!agreement.inForce && (
            <Chip size="small" variant="outlined" label="Not in force" />
          )}
        </Box>
      }
    >
      <Grid container spacing={2}>
        <Fact label="Customer">
          {agreement.customer ? (
            <EntityRefLink entityRef={agreement.customer} defaultKind="group" />
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Provider">
          {agreement.provider ? (
            <EntityRefLink entityRef={agreement.provider} defaultKind="group" />
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="In force">{inForceText(agreement)}</Fact>
        <Fact label="Measured">
          {periodLabels[agreement.period] ?? agreement.period}
        </Fact>
        <Fact label="Document">
          {agreement.document ? (
            <DeclaredLink to={agreement.document}>
              Signed agreement
            </DeclaredLink>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Service credits">{agreement.serviceCredits ?? '—'}</Fact>

        <Grid item xs={12}>
          <Typography variant="h6" gutterBottom>
            Objectives
          </Typography>
          <ObjectivesTable objectives={agreement.objectives} />
        </Grid>
        {agreement.policy && (
          <Grid item xs={12}>
            <ErrorBudgetPolicyPanel policy={agreement.policy} />
          </Grid>
        )}
        <Grid item xs={12}>
          <BurnAttributionList
            objectives={agreement.objectives}
            period={agreement.period}
            current={period.measuredUntil < period.end}
          />
        </Grid>
        {agreement.objectives.length > 0 && (
          <Grid item xs={12}>
            <Typography variant="h6">Error budget burn-down</Typography>
            <Typography variant="caption" color="textSecondary" paragraph>
              Share of each objective's budget left; the dashed line spends it
              evenly by the end of the period.
            </Typography>
            <BurnDownChart
              objectives={agreement.objectives}
              period={period}
              timezone={timezone}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <Typography variant="h6" gutterBottom>
            Support targets
          </Typography>
          <SupportTargetsTable support={agreement.support} />
        </Grid>
      </Grid>
    </InfoCard>
  );
}
