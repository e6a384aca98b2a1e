import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_DIGEST_ABOVE,
  Finding,
  FindingSeverity,
  NotifiedChange,
  notificationDigest,
  notificationKey,
  notificationTitle,
  OverviewRow,
  planNotifications,
} from '@service-delivery/plugin-service-delivery-common';
import {
  DatabaseOverviewStore,
  NotificationStateChange,
} from '../database/DatabaseOverviewStore';

/** What owners are told of a computed row: whose it is, and its findings. */
export type NotifiedRow = {
  row: Pick<OverviewRow, 'entityRef' | 'owner'>;
  findings: Finding[];
};

const SEVERITY: Record<
  FindingSeverity,
  'critical' | 'high' | 'normal' | 'low'
> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

type Told = NotifiedChange & { change: NotificationStateChange };

/**
 * Tells the owning group when an objective turns at risk or breached, an agreement's error-budget
 * policy freezes features or everything, asks for reviews or notifies the team (or changes between
 * these: a freeze lifted back to a review or a notice is told), a DR test becomes overdue, or a
 * resource is about to reach its critical level — once per change of state. A recovery (a policy with
 * no step in force any more) is recorded without a message, so that the next one is news again. The state is claimed in
 * the database before the message goes out, so that replicas refreshing the same entities at once
 * send it once between them; a message that cannot be sent gives its claims back to be retried.
 *
 * An owner with more than `digestAbove` changes claimed in one pass gets one digest of them instead
 * of a message each.
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      overviewStore: DatabaseOverviewStore;
      notifications?: NotificationService;
      logger: LoggerService;
      now: () => number;
      /** more changes than this for one owner in one pass go as one digest */
      digestAbove?: number;
    },
  ) {}

  /**
   * Compares the rows' findings with what was last recorded, and notifies what changed, owner by
   * owner; `pause` is awaited before each owner's claims and each message, to let other work in
   * between.
   */
  async notify(
    computed: NotifiedRow[],
    options: { pause?: () => Promise<void> } = {},
  ): Promise<{ sent: number }> {
    const { overviewStore } = this.options;
    const owners = new Map(
      computed.map(({ row }) => [row.entityRef, row.owner]),
    );
    const recorded = await overviewStore.notificationStates([...owners.keys()]);
    const plan = planNotifications(
      computed.flatMap(c => c.findings),
      recorded,
    );
    const toSend = new Map(
      plan.send.map(finding => [notificationKey(finding), finding]),
    );

    // each owner's changes, recoveries included (they are recorded, untold)
    const byOwner = new Map<string, NotificationStateChange[]>();
    for (const change of plan.record) {
      const owner = owners.get(change.entityRef) ?? '';
      const changes = byOwner.get(owner);
      if (changes) changes.push(change);
      else byOwner.set(owner, [change]);
    }

    let sent = 0;
    for (const [owner, changes] of byOwner) {
      await options.pause?.();
      const at = this.options.now();
      const claimed = await overviewStore.claimNotificationStates(changes, at);
      const told: Told[] = [];
      for (const change of changes) {
        const key = notificationKey(change);
        const finding = toSend.get(key);
        if (finding && claimed.has(key)) {
          told.push({ finding, previous: change.previous, change });
        }
      }
      if (!owner || !this.options.notifications || told.length === 0) continue;
      if (told.length > (this.options.digestAbove ?? DEFAULT_DIGEST_ABOVE)) {
        sent += await this.sendDigest(owner, told, at);
      } else {
        for (const one of told) {
          await options.pause?.();
          sent += await this.sendOne(owner, one, at);
        }
      }
    }
    return { sent };
  }

  private async sendOne(owner: string, told: Told, at: number) {
    const { finding, previous } = told;
    try {
      await this.options.notifications!.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: notificationTitle(finding, previous),
          description: finding.message,
          link: finding.link,
          severity: SEVERITY[finding.severity],
          topic: 'service-delivery',
          scope: finding.id,
        },
      });
      return 1;
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${owner} that ${finding.message} ${error}`,
      );
      await this.giveBack([told], at);
      return 0;
    }
  }

  private async sendDigest(owner: string, told: Told[], at: number) {
    const digest = notificationDigest(owner, told);
    try {
      await this.options.notifications!.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: digest.title,
          description: digest.description,
          link: digest.link,
          severity: SEVERITY[digest.severity],
          topic: 'service-delivery',
          scope: digestScope(owner, told, at),
        },
      });
      return 1;
    } catch (error) {
      this.options.logger.warn(
        `Could not send ${owner} the digest of ${told.length} service delivery changes: ${error}`,
      );
      await this.giveBack(told, at);
      return 0;
    }
  }

  /** Gives claims back so that the next refresh tries again. */
  private async giveBack(told: Told[], at: number) {
    await this.options.overviewStore.claimNotificationStates(
      told.map(({ change }) => ({
        entityRef: change.entityRef,
        subject: change.subject,
        previous: change.state,
        state: change.previous ?? 'ok',
      })),
      at,
    );
  }
}

/**
 * A digest is news of its own: it must not update an earlier digest in place, as notifications with
 * the same scope and recipient do (that is what keeps one message per finding). Its scope names the
 * owner, the time of the claims and a hash of what they claimed (another replica claiming at the
 * same millisecond claims other changes), within the 255 characters the notifications backend keeps.
 */
function digestScope(owner: string, told: Told[], at: number) {
  const hash = createHash('sha256');
  for (const { change } of told) {
    hash.update(`${notificationKey(change)}|${change.state}\n`);
  }
  return `service-delivery-digest:${owner}:${at}:${hash
    .digest('hex')
    .slice(0, 16)}`;
}
