import { Entity } from '@backstage/catalog-model';

/**
 * The entity holds a portfolio of services: a Group owns them, a System or Domain contains them. It
 * gets the Service Delivery portfolio tab.
 *
 * @public
 */
export function isPortfolioAvailable(entity: Entity): boolean {
  return ['group', 'system', 'domain'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}
