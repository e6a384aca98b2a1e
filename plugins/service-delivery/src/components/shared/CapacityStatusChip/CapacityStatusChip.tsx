import { CapacityResourceStatus } from '@service-delivery/plugin-service-delivery-common';
import { StateChip, StateChipMapping } from '../StateChip';

const statuses: StateChipMapping<CapacityResourceStatus> = {
  ok: { label: 'OK', tone: 'success' },
  warning: { label: 'Warning', tone: 'warning' },
  critical: { label: 'Critical', tone: 'error' },
  'no-data': { label: 'No data', tone: 'neutral' },
};

/** @public */
export interface CapacityStatusChipProps {
  status: CapacityResourceStatus;
}

/**
 * A resource's utilisation against its thresholds: OK (green), warning (amber), critical (red) or
 * no data (grey).
 *
 * @public
 */
export function CapacityStatusChip(props: CapacityStatusChipProps) {
  return (
    <StateChip state={props.status} mapping={statuses} attribute="status" />
  );
}
