export { IncidentsGuide } from './IncidentsGuide';
export type { IncidentsGuideProps } from './IncidentsGuide';
