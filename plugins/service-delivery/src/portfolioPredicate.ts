import { Entity } from '@backstage/catalog-model';

/** Whether entities of `kind` hold a portfolio of services: Groups, Systems and Domains. */
export function holdsPortfolio(kind: string): boolean {
  return ['group', 'system', 'domain'].includes(
    kind.toLocaleLowerCase('en-US'),
  );
}

/**
 * The entity holds a portfolio of services: a Group owns them, a System or Domain contains them. It
 * gets the Service Delivery portfolio tab.
 *
 * @public
 */
export function isPortfolioAvailable(entity: Entity): boolean {
  return holdsPortfolio(entity.kind);
}
