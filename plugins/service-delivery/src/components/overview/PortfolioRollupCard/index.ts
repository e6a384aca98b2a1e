export { PortfolioRollupCard } from './PortfolioRollupCard';
export type { PortfolioRollupCardProps } from './PortfolioRollupCard';
