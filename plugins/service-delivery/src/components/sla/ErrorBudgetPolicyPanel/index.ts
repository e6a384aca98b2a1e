export { ErrorBudgetPolicyPanel } from './ErrorBudgetPolicyPanel';
export type { ErrorBudgetPolicyPanelProps } from './ErrorBudgetPolicyPanel';
