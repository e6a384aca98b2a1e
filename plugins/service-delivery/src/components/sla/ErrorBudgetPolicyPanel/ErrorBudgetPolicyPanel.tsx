import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  AgreementPolicy,
  ErrorBudgetPolicyState,
} from '@service-delivery/plugin-service-delivery-common';
import { policyStateLabels } from '../../../format';
import { StateChip, StateChipMapping } from '../../shared/StateChip';

const states: StateChipMapping<ErrorBudgetPolicyState> = {
  normal: { label: policyStateLabels.normal, tone: 'success' },
  'features-frozen': {
    label: policyStateLabels['features-frozen'],
    tone: 'warning',
  },
  'all-frozen': { label: policyStateLabels['all-frozen'], tone: 'error' },
  review: { label: policyStateLabels.review, tone: 'info' },
};

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
  const inForce = policy.steps.filter(step => step.inForce);
  const objectives = new Set(policy.steps.map(step => step.objective)).size;
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography variant="h6">Error-budget policy</Typography>
        <StateChip
          state={policy.state}
          mapping={states}
          attribute="policy-state"
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
