/**
 * A Service Delivery backend module that pulls SLI counts and capacity samples from Prometheus.
 *
 * @packageDocumentation
 */

export { serviceDeliveryModulePrometheus as default } from './module';
export { PrometheusProvider } from './PrometheusProvider';
export type { RetryPolicy } from './PrometheusProvider';
export { readPrometheusProviderSettings } from './config';
export type { PrometheusProviderSettings } from './config';
