import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Finding,
  FindingSeverity,
  entityDisplayName,
  planNotifications,
} from '@service-delivery/plugin-service-delivery-common';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { ComputedRow } from './overviewRows';

const SEVERITY: Record<
  FindingSeverity,
  'critical' | 'high' | 'normal' | 'low'
> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

const FROZEN = ['features-frozen', 'all-frozen'];

/**
 * A short title for the notification list; the finding's sentence is the description. A policy
 * that loosens says what it lifted, since the team last heard of the stronger state.
 */
function titleOf(finding: Finding, previous: string | null): string {
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
 * Tells the owning group when an objective turns at risk or breached, an agreement's error-budget
 * policy freezes features or everything, asks for reviews or notifies the team (or changes between
 * these: a freeze lifted back to a review or a notice is told), a DR test becomes overdue, or a
 * resource is about to reach its critical level — once per change of state. A recovery (a policy with
 * no step in force any more) is recorded without a message, so that the next one is news again. The state is claimed in
 * the database before the message goes out, so that replicas refreshing the same entities at once
 * send it once between them; a message that cannot be sent gives its claim back to be retried.
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      overviewStore: DatabaseOverviewStore;
      notifications?: NotificationService;
      logger: LoggerService;
      now: () => number;
    },
  ) {}

  /**
   * Compares the rows' findings with what was last recorded, and notifies what changed; `pause` is
   * awaited before each change, to let other work in between.
   */
  async notify(
    computed: ComputedRow[],
    options: { pause?: () => Promise<void> } = {},
  ): Promise<{ sent: number }> {
    const { overviewStore, notifications, logger } = this.options;
    const owners = new Map(
      computed.map(({ row }) => [row.entityRef, row.owner]),
    );
    const recorded = await overviewStore.notificationStates([...owners.keys()]);
    const plan = planNotifications(
      computed.flatMap(c => c.findings),
      recorded,
    );
    const toSend = new Map(
      plan.send.map(finding => [
        `${finding.entityRef}|${finding.subject}`,
        finding,
      ]),
    );

    let sent = 0;
    for (const change of plan.record) {
      await options.pause?.();
      const at = this.options.now();
      const claimed = await overviewStore.claimNotificationState({
        ...change,
        at,
      });
      const finding = toSend.get(`${change.entityRef}|${change.subject}`);
      if (!claimed || !finding) continue;
      const owner = owners.get(change.entityRef);
      if (!owner || !notifications) continue;
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: {
            title: titleOf(finding, change.previous),
            description: finding.message,
            link: finding.link,
            severity: SEVERITY[finding.severity],
            topic: 'service-delivery',
            scope: finding.id,
          },
        });
        sent += 1;
      } catch (error) {
        logger.warn(
          `Could not notify ${owner} that ${finding.message} ${error}`,
        );
        // give the claim back so that the next refresh tries again
        await overviewStore.claimNotificationState({
          entityRef: change.entityRef,
          subject: change.subject,
          previous: change.state,
          state: change.previous ?? 'ok',
          at,
        });
      }
    }
    return { sent };
  }
}
