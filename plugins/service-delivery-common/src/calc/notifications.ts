import { Finding } from '../overview';
import { CAPACITY_CRITICAL_SOON_DAYS, POLICY_FINDING_STATES } from './findings';

/**
 * What the owning team is told about, by discipline and state: an objective turning at risk or
 * breached, an agreement's error-budget policy coming into any of its
 * {@link POLICY_FINDING_STATES} (a freeze, a review, a notice; a change between them is news too, so
 * a freeze lifted back to a review or a notice is told, one lifted altogether is not), a DR test
 * becoming overdue, a resource forecast to hit its critical level within
 * {@link CAPACITY_CRITICAL_SOON_DAYS} days (or already above it).
 *
 * @public
 */
export const NOTIFIED_STATES: Readonly<Record<string, readonly string[]>> = {
  'service-level': ['at-risk', 'breached', ...POLICY_FINDING_STATES],
  continuity: ['overdue'],
  capacity: ['critical-soon', 'critical'],
};

/**
 * The state a subject is recorded in once nothing is wrong with it any more.
 *
 * @public
 */
export const RESOLVED_STATE = 'ok';

/** @public */
export function isNotified(finding: Pick<Finding, 'discipline' | 'state'>) {
  return NOTIFIED_STATES[finding.discipline]?.includes(finding.state) ?? false;
}

/**
 * The key notification state is kept under: one per entity and subject.
 *
 * @public
 */
export function notificationKey(
  finding: Pick<Finding, 'entityRef' | 'subject'>,
) {
  return `${finding.entityRef}|${finding.subject}`;
}

/** @public */
export interface NotificationPlan {
  /** findings whose state changed into a notified one: tell the owners, once */
  send: Finding[];
  /** the state to record per key, including subjects that recovered (recorded as `ok`) */
  record: Array<{
    entityRef: string;
    subject: string;
    previous: string | null;
    state: string;
  }>;
}

/**
 * Compares the current findings of some entities with the states last recorded for them. A notified
 * finding whose state differs from the recorded one is sent; one that recovered is recorded as `ok`
 * without a message, so that a later relapse is news again. Nothing changes → nothing is sent.
 *
 * @param recorded - last recorded state per {@link notificationKey}, for the same entities
 *
 * @public
 */
export function planNotifications(
  findings: readonly Finding[],
  recorded: ReadonlyMap<string, string>,
): NotificationPlan {
  const plan: NotificationPlan = { send: [], record: [] };
  const current = new Set<string>();
  for (const finding of findings) {
    if (!isNotified(finding)) continue;
    const key = notificationKey(finding);
    if (current.has(key)) continue;
    current.add(key);
    const previous = recorded.get(key) ?? null;
    if (previous === finding.state) continue;
    plan.send.push(finding);
    plan.record.push({
      entityRef: finding.entityRef,
      subject: finding.subject,
      previous,
      state: finding.state,
    });
  }
  for (const [key, state] of recorded) {
    if (current.has(key) || state === RESOLVED_STATE) continue;
    const split = key.indexOf('|');
    plan.record.push({
      entityRef: key.slice(0, split),
      subject: key.slice(split + 1),
      previous: state,
      state: RESOLVED_STATE,
    });
  }
  return plan;
}
