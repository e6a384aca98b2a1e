export { SlaContent } from './SlaContent';
