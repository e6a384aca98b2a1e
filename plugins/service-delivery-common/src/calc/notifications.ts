import { entityDisplayName, entityTabPath } from '../links';
import { FINDING_SEVERITIES, Finding, FindingSeverity } from '../overview';
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

const FROZEN = ['features-frozen', 'all-frozen'];

/**
 * The title of the notification of one change: a short line for the notification list (the
 * finding's sentence is its description). A policy that loosens says what it lifted, since the
 * team last heard of the stronger state.
 *
 * @param previous - the state recorded before the change, null for a first one
 *
 * @public
 */
export function notificationTitle(
  finding: Finding,
  previous: string | null,
): string {
  const name = entityDisplayName(finding.entityRef);
  const what = finding.subject.replace(/^[a-z-]+:/, '');
  const lifted = previous !== null && FROZEN.includes(previous);
  switch (`${finding.discipline}/${finding.state}`) {
    case 'service-level/breached':
      return `${name}: ${what} breached`;
    case 'service-level/at-risk':
      return `${name}: ${what} at risk`;
    case 'service-level/features-frozen':
      return previous === 'all-frozen'
        ? `${name}: fixes no longer frozen, features still frozen by the ${what} error-budget policy`
        : `${name}: features frozen by the ${what} error-budget policy`;
    case 'service-level/all-frozen':
      return `${name}: all changes frozen by the ${what} error-budget policy`;
    case 'service-level/review':
      return lifted
        ? `${name}: the ${what} freeze is lifted, changes still need a review of the error budget`
        : `${name}: changes need a review of the error budget (${what} error-budget policy)`;
    case 'service-level/notify':
      if (lifted) return `${name}: the ${what} freeze is lifted`;
      return previous === 'review'
        ? `${name}: changes no longer need a review under the ${what} error-budget policy`
        : `${name}: notice from the ${what} error-budget policy`;
    case 'continuity/overdue':
      return `${name}: DR test overdue`;
    case 'capacity/critical':
      return `${name}: ${what} above its critical level`;
    case 'capacity/critical-soon':
      return `${name}: ${what} reaches its critical level soon`;
    default:
      return `${name}: ${finding.state}`;
  }
}

/**
 * More changes than this for one owner in one refresh are told in one digest
 * (`serviceDelivery.notifications.digestAbove`).
 *
 * @public
 */
export const DEFAULT_DIGEST_ABOVE = 5;

/** How many of a digest's changes its description names, the most severe first. */
const DIGEST_NAMES = 3;

/** What a digest counts, by discipline and state, in this order: one and several. */
const DIGEST_KINDS: Record<string, [string, string]> = {
  'service-level/breached': ['objective breached', 'objectives breached'],
  'service-level/at-risk': ['objective at risk', 'objectives at risk'],
  'service-level/all-frozen': [
    'freeze of all changes',
    'freezes of all changes',
  ],
  'service-level/features-frozen': ['feature freeze', 'feature freezes'],
  'service-level/review': ['error-budget review', 'error-budget reviews'],
  'service-level/notify': ['error-budget notice', 'error-budget notices'],
  'continuity/overdue': ['DR test overdue', 'DR tests overdue'],
  'capacity/critical': [
    'resource above its critical level',
    'resources above their critical level',
  ],
  'capacity/critical-soon': [
    'resource near its critical level',
    'resources near their critical level',
  ],
};

/**
 * One change of a notified state, as it is told: the finding and the state recorded before it.
 *
 * @public
 */
export interface NotifiedChange {
  finding: Finding;
  previous: string | null;
}

/**
 * One notification for an owner that has many changes at once.
 *
 * @public
 */
export interface NotificationDigest {
  /** `payments: 12 service delivery changes` */
  title: string;
  /** the changes counted by kind, then the most severe few by name */
  description: string;
  /** the highest severity among the changes */
  severity: FindingSeverity;
  /** the owner's Service Delivery (portfolio) tab */
  link: string;
}

/**
 * The digest of an owner's changes: counted by kind (`3 objectives breached, 8 DR tests overdue`),
 * the most severe few named by their {@link notificationTitle}, at the severity of the most severe,
 * linking to the owner's portfolio tab, where every finding is listed.
 *
 * @public
 */
export function notificationDigest(
  owner: string,
  changes: readonly NotifiedChange[],
): NotificationDigest {
  const rank = (change: NotifiedChange) =>
    FINDING_SEVERITIES.indexOf(change.finding.severity);
  const titled = changes
    .map(change => ({
      change,
      title: notificationTitle(change.finding, change.previous),
    }))
    .sort(
      (a, b) =>
        rank(a.change) - rank(b.change) || a.title.localeCompare(b.title, 'en'),
    );
  const counts = new Map<string, number>();
  for (const { finding } of changes) {
    const kind = `${finding.discipline}/${finding.state}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const order = Object.keys(DIGEST_KINDS);
  const counted = [...counts]
    .sort(([a], [b]) => {
      const at = (kind: string) =>
        order.includes(kind) ? order.indexOf(kind) : order.length;
      return at(a) - at(b) || a.localeCompare(b, 'en');
    })
    .map(([kind, count]) => {
      const [one, several] = DIGEST_KINDS[kind] ?? [kind, kind];
      return `${count} ${count === 1 ? one : several}`;
    });
  const named = titled.slice(0, DIGEST_NAMES).map(t => t.title);
  const more = titled.length - named.length;
  return {
    title: `${entityDisplayName(owner)}: ${changes.length} service delivery ${
      changes.length === 1 ? 'change' : 'changes'
    }`,
    description: `${counted.join(', ')}. Most severe: ${named.join('; ')}${
      more > 0 ? `; and ${more} more` : ''
    }.`,
    severity: titled[0]?.change.finding.severity ?? 'low',
    link: `${entityTabPath(owner)}/service-delivery`,
  };
}
