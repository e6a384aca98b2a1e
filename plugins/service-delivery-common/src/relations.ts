/*
 * Relations the catalog module emits for agreements, in both directions.
 */

/** From a service to the customer of one of its agreements. @public */
export const RELATION_HAS_CUSTOMER = 'hasServiceCustomer';
/** From a customer to a service it has an agreement with. @public */
export const RELATION_CUSTOMER_OF = 'serviceCustomerOf';
/** From a service to the provider of one of its agreements. @public */
export const RELATION_HAS_PROVIDER = 'hasServiceProvider';
/** From a provider to a service it provides under an agreement. @public */
export const RELATION_PROVIDER_OF = 'serviceProviderOf';
