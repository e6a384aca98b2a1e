import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  AgreementPolicy,
  ErrorBudgetPolicyState,
} from '@service-delivery/plugin-service-delivery-common';
import { readableFill } from '../../../contrast';

const stateLabels: Record<ErrorBudgetPolicyState, string> = {
  normal: 'Releases open',
  'features-frozen': 'Features frozen',
  'all-frozen': 'All changes frozen',
  review: 'Review required',
};

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    normal: filled(theme.palette.success.main),
    'features-frozen': filled(theme.palette.warning.main),
    'all-frozen': filled(theme.palette.error.main),
    review: filled(theme.palette.info.main),
  };
});

/** @public */
export interface ErrorBudgetPolicyPanelProps {
  policy: AgreementPolicy;
}

/**
 * An agreement's error-budget policy: the state it puts releases in, and why — each step in force
 * with its reason. The backend evaluates it from the current period, whatever period is shown.
 *
 * @public
 */
export function ErrorBudgetPolicyPanel(props: ErrorBudgetPolicyPanelProps) {
  const { policy } = props;
  const classes = useStyles();
  const inForce = policy.steps.filter(step => step.inForce);
  const objectives = new Set(policy.steps.map(step => step.objective)).size;
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography variant="h6">Error-budget policy</Typography>
        <Chip
          size="small"
          label={stateLabels[policy.state] ?? policy.state}
          className={classes[policy.state]}
          data-policy-state={policy.state}
        />
      </Box>
      <Typography variant="caption" color="textSecondary" paragraph>
        {policy.steps.length} step{policy.steps.length === 1 ? '' : 's'} over{' '}
        {objectives} objective{objectives === 1 ? '' : 's'}, evaluated for{' '}
        {policy.period}.
      </Typography>
      {inForce.length === 0 ? (
        <Typography variant="body2">
          No step of the policy is in force.
        </Typography>
      ) : (
        <ul aria-label="Policy steps in force">
          {inForce.map((step, index) => (
            <li key={index}>
              <Typography variant="body2">{step.reason}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}
