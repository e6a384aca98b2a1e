import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ContinuityResponse,
  CostHiddenFlag,
} from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';
import { formatMoney, formatPercent } from '../../../format';
import { DeclaredLink } from '../../shared/DeclaredLink';

const strategyLabels: Record<string, string> = {
  'hot-standby': 'Hot standby',
  'warm-standby': 'Warm standby',
  'cold-standby': 'Cold standby',
  'backup-restore': 'Backup and restore',
  'manual-workaround': 'Manual workaround',
  none: 'None',
};

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      {props.children}
    </Grid>
  );
}

/** @public */
export interface RecoveryStrategyCardProps {
  value: Pick<
    ContinuityResponse,
    'strategy' | 'plan' | 'sites' | 'businessImpact' | 'expectedAnnualLoss'
  > &
    CostHiddenFlag;
}

const HIDDEN = 'Hidden: reading it needs the cost permission for this service';

/**
 * How the service recovers (strategy, plan, sites) and what an outage costs the business: the cost
 * of an hour and the loss to expect in a year.
 *
 * @public
 */
export function RecoveryStrategyCard(props: RecoveryStrategyCardProps) {
  const { strategy, plan, sites, businessImpact, expectedAnnualLoss } =
    props.value;
  const hidden = props.value.costHidden === true;
  return (
    <InfoCard title="Recovery and business impact">
      <Grid container spacing={2}>
        <Field label="Strategy">
          <Typography variant="body1">
            {strategy ? strategyLabels[strategy] ?? strategy : 'Not declared'}
          </Typography>
        </Field>
        <Field label="Recovery plan">
          {plan ? (
            <DeclaredLink to={plan}>Open the recovery plan</DeclaredLink>
          ) : (
            <Typography variant="body1" color="textSecondary">
              No plan linked
            </Typography>
          )}
        </Field>
        <Field label="Sites">
          {sites.length > 0 ? (
            <Box display="flex" flexWrap="wrap" gridGap={4}>
              {sites.map(site => (
                <Chip key={site} size="small" label={site} />
              ))}
            </Box>
          ) : (
            <Typography variant="body1" color="textSecondary">
              None declared
            </Typography>
          )}
          {sites.length === 1 && (
            <Typography variant="caption" color="textSecondary">
              One site: a site outage is an outage of the service.
            </Typography>
          )}
        </Field>
        <Field label="Cost of an hour of outage">
          <Typography
            variant="body1"
            color={hidden ? 'textSecondary' : undefined}
          >
            {businessImpact
              ? formatMoney({
                  amount: businessImpact.costPerHour,
                  currency: businessImpact.currency,
                })
              : (hidden && HIDDEN) || 'Not declared'}
          </Typography>
          {businessImpact?.notes && (
            <Typography variant="caption" color="textSecondary">
              {businessImpact.notes}
            </Typography>
          )}
        </Field>
        <Grid item xs={12}>
          <Typography variant="overline" color="textSecondary" component="div">
            Expected annual loss
          </Typography>
          {expectedAnnualLoss ? (
            <>
              <Typography variant="h5" component="div">
                {formatMoney(expectedAnnualLoss)}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                (1 − {formatPercent(expectedAnnualLoss.availability, 4)}) ×
                8,760 h ×{' '}
                {formatMoney({
                  amount: expectedAnnualLoss.costPerHour,
                  currency: expectedAnnualLoss.currency,
                })}{' '}
                —{' '}
                {expectedAnnualLoss.basis === 'measured'
                  ? 'availability measured over the past year'
                  : 'the agreed availability target (no outages recorded in the past year)'}
              </Typography>
            </>
          ) : (
            <Typography variant="body1" color="textSecondary">
              {hidden
                ? HIDDEN
                : 'Declare businessImpact.costPerHour and an availability target to estimate it.'}
            </Typography>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
