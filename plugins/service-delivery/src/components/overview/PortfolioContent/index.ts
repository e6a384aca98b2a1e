export {
  PortfolioContent,
  portfolioScope,
  preloadPortfolio,
} from './PortfolioContent';
