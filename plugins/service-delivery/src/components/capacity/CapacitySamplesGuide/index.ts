export { CapacitySamplesGuide } from './CapacitySamplesGuide';
export type { CapacitySamplesGuideProps } from './CapacitySamplesGuide';
