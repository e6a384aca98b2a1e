export { canonicalEntityRef } from './entityRef';
export {
  isRecordKind,
  maxRecordsPerBatch,
  recordKinds,
  validateRecords,
} from './validateRecords';
export type { RecordValidationResult } from './validateRecords';
