export { PortfolioContent, portfolioScope } from './PortfolioContent';
