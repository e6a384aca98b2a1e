import { Status } from '@service-delivery/plugin-service-delivery-common';
import { statusLabels } from '../../../format';
import { StateChip, StateChipMapping } from '../StateChip';

const statuses: StateChipMapping<Status> = {
  met: { label: statusLabels.met, tone: 'success' },
  'at-risk': { label: statusLabels['at-risk'], tone: 'warning' },
  breached: { label: statusLabels.breached, tone: 'error' },
  'no-data': { label: statusLabels['no-data'], tone: 'neutral' },
};

/** @public */
export interface StatusChipProps {
  status: Status;
  size?: 'small' | 'medium';
}

/**
 * An objective's or agreement's status: met (green), at risk (amber), breached (red) or no data
 * (grey).
 *
 * @public
 */
export function StatusChip(props: StatusChipProps) {
  return (
    <StateChip
      state={props.status}
      mapping={statuses}
      attribute="status"
      size={props.size}
    />
  );
}
