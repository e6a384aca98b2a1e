import { ContinuityHeadlineStatus } from '@service-delivery/plugin-service-delivery-common';
import { StateChip, StateChipMapping } from '../../shared/StateChip';

const statuses: StateChipMapping<ContinuityHeadlineStatus> = {
  pass: { label: 'Pass', tone: 'success' },
  warn: { label: 'Warning', tone: 'warning' },
  fail: { label: 'Fail', tone: 'error' },
};

/** @public */
export interface ContinuityStatusChipProps {
  status: ContinuityHeadlineStatus;
}

/**
 * The worst continuity check of a service: pass (green), warning (amber) or fail (red).
 *
 * @public
 */
export function ContinuityStatusChip(props: ContinuityStatusChipProps) {
  return (
    <StateChip state={props.status} mapping={statuses} attribute="status" />
  );
}
