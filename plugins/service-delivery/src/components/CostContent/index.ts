export { CostContent } from './CostContent';
