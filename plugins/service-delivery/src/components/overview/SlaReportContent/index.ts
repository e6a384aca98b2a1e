export { SlaReportContent } from './SlaReportContent';
