export { serviceDeliverySpecSchema } from './serviceDelivery';
export { serviceDeliveryConfigSchema } from './config';
export {
  capacityRecordSchema,
  costRecordSchema,
  drTestRecordSchema,
  incidentRecordSchema,
  recordSchemas,
  sliRecordSchema,
} from './records';
