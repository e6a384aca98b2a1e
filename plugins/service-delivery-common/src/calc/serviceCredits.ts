import { Status } from '../api';

/** @public */
export type ServiceCreditState = 'owed' | 'pending' | 'none';

/**
 * Whether an agreement's service credits are due for a period. Credits follow a breach: once the
 * period is over they are owed; while it still runs they are pending (the breach stands, the bill is
 * not settled yet). Without credit terms nothing is owed.
 *
 * @public
 */
export function serviceCreditState(input: {
  status: Status;
  periodOver: boolean;
  terms?: string | null;
}): ServiceCreditState {
  if (!input.terms || input.status !== 'breached') return 'none';
  return input.periodOver ? 'owed' : 'pending';
}
