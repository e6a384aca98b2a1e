export { FocusExportButtons } from './FocusExportButtons';
export type { FocusExportButtonsProps } from './FocusExportButtons';
