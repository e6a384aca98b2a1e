export {
  isServiceDeliveryEntityKind,
  serviceDeliveryEntityKinds,
  validateEntityServiceDelivery,
  validateServiceDelivery,
} from './serviceDelivery';
export type { ServiceDeliveryValidationOptions } from './serviceDelivery';
export { validateServiceDeliveryConfig } from './config';
