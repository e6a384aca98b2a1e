export { canonicalEntityRef } from './entityRef';
export {
  isRecordKind,
  maxRecordsPerBatch,
  recordKinds,
  validateRecords,
} from './validateRecords';
export type {
  RecordValidationOptions,
  RecordValidationResult,
} from './validateRecords';
export {
  defaultEntityGoneGrace,
  defaultRetention,
  earliestCostMonth,
  entityRecordsFate,
  latestRecordInstant,
  recordInstantWindow,
  retentionMillis,
} from './retention';
export type { EntityRecordsFate, RecordInstantWindow } from './retention';
