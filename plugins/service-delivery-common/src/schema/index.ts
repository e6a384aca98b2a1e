export { serviceDeliverySpecSchema } from './serviceDelivery';
export { serviceDeliveryConfigSchema } from './config';
export {
  capacityRecordSchema,
  correctionReasons,
  correctionRecordSchema,
  costRecordSchema,
  drTestRecordSchema,
  incidentRecordSchema,
  recordSchemas,
  sliRecordSchema,
} from './records';
