import { availabilityHeadline } from './availabilityHeadline';
import { capacityHeadline } from './capacityHeadline';
import { continuityHeadline } from './continuityHeadline';
import { costHeadline } from './costHeadline';
import { HeadlineSources } from './HeadlineSource';
import { serviceLevelHeadline } from './serviceLevelHeadline';

export type {
  HeadlineInput,
  HeadlineSource,
  HeadlineSources,
} from './HeadlineSource';

/** Every discipline's headline, in the order the overview computes them. */
export const headlineSources: HeadlineSources = {
  serviceLevel: serviceLevelHeadline,
  availability: availabilityHeadline,
  cost: costHeadline,
  capacity: capacityHeadline,
  continuity: continuityHeadline,
};
