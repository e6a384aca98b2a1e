import { Status } from './api';
import { AgreementType } from './types';
import { Discipline, FindingSeverity } from './overview';

/**
 * The search document type under which Service Delivery's agreements and findings are indexed.
 *
 * @public
 */
export const SERVICE_DELIVERY_SEARCH_TYPE = 'service-delivery';

/**
 * What a Service Delivery search document carries besides its title, text and location: an
 * agreement of a service (its type and status this period) or an open finding (its discipline and
 * severity).
 *
 * @public
 */
export type ServiceDeliverySearchFields = {
  entityRef: string;
  owner: string | null;
} & (
  | {
      documentKind: 'agreement';
      /** the agreement's status in its current period */
      status: Status;
      category: AgreementType;
    }
  | {
      documentKind: 'finding';
      status: FindingSeverity;
      category: Discipline;
    }
);
