/**
 * Tech Insights module that publishes each service's Service Delivery figures as facts, so
 * scorecards can check them.
 *
 * @packageDocumentation
 */

export { techInsightsModuleServiceDelivery as default } from './module';
export {
  SERVICE_DELIVERY_FACT_RETRIEVER_ID,
  createServiceDeliveryFactRetriever,
  serviceDeliveryFactSchema,
} from './serviceDeliveryFactRetriever';
