import { FindingSeverity } from '@service-delivery/plugin-service-delivery-common';
import { StateChip, StateChipMapping } from '../../shared/StateChip';

const severities: StateChipMapping<FindingSeverity> = {
  critical: { label: 'Critical', tone: 'severe' },
  high: { label: 'High', tone: 'error' },
  medium: { label: 'Medium', tone: 'warning' },
  low: { label: 'Low', tone: 'info' },
};

/** @public */
export interface SeverityChipProps {
  severity: FindingSeverity;
}

/**
 * How urgent a finding is: critical, high, medium or low.
 *
 * @public
 */
export function SeverityChip(props: SeverityChipProps) {
  return (
    <StateChip
      state={props.severity}
      mapping={severities}
      attribute="severity"
    />
  );
}
