export { ContinuityContent } from './ContinuityContent';
