export { SliDataGuide } from './SliDataGuide';
export type { SliDataGuideProps } from './SliDataGuide';
