import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  declaredServiceDelivery,
  recordRef,
  timezoneOf,
} from '../disciplines/declared';
import { CatalogSnapshot } from './catalogSnapshot';

/**
 * What the refresher remembers of the rows it computed, so that a scheduled full refresh can keep
 * the rows that are still current instead of computing every service again — after a large ingest
 * the post-ingest refresh has just computed most of them.
 *
 * A row is kept when it was computed less than `keepForMs` ago, on the same local day of its
 * service (calendar periods start at local midnight), and nothing it is computed from changed in
 * the catalog since the read it was computed from: the entity itself, its owner and the groups
 * above it, its system and domain, and anything it depends on, directly or not. Every read of the
 * catalog is compared with the one before (`observe`), so a change seen by any refresh counts
 * against every row computed from an earlier read. Measured data needs no check: every ingest
 * refreshes the rows it touches (and the dependants whose ceiling moved) at once.
 */
export class RecentRows {
  private readonly computedAt = new Map<
    string,
    { at: number; localDayEnd: number; read: number }
  >();
  /** What each entity looked like at the latest read of the catalog. */
  private fingerprints = new Map<string, string>();
  /** Which read each snapshot's entities came from (copies of a snapshot share their entities). */
  private readonly reads = new WeakMap<ReadonlyMap<string, Entity>, number>();
  private lastRead = 0;
  /** The entities each read found changed, added or gone since the read before, oldest first. */
  private changes: Array<{ read: number; refs: Set<string> }> = [];
  private readonly dayEnds = new Map<string, { start: number; end: number }>();

  constructor(private readonly keepForMs: number) {}

  /** Compares a new read of the catalog with the latest one; answers which read it is. */
  observe(snapshot: CatalogSnapshot): number {
    const known = this.reads.get(snapshot.entities);
    if (known !== undefined) return known;
    const read = ++this.lastRead;
    this.reads.set(snapshot.entities, read);
    if (this.keepForMs <= 0) return read;
    const previous = this.fingerprints;
    const current = new Map<string, string>();
    const refs = new Set<string>();
    for (const [ref, entity] of snapshot.entities) {
      const print = fingerprint(entity);
      current.set(ref, print);
      if (previous.get(ref) !== print) refs.add(ref);
    }
    for (const ref of previous.keys()) {
      if (!current.has(ref)) refs.add(ref);
    }
    this.fingerprints = current;
    if (refs.size > 0) this.changes.push({ read, refs });
    return read;
  }

  /** Remembers rows computed from a snapshot. */
  computed(snapshot: CatalogSnapshot, entities: Iterable<Entity>): void {
    if (this.keepForMs <= 0) return;
    const read = this.observe(snapshot);
    for (const entity of entities) {
      this.computedAt.set(recordRef(entity), {
        at: snapshot.readAt,
        localDayEnd: this.localDayEnd(
          snapshot.readAt,
          timezoneOf(declaredServiceDelivery(entity)),
        ),
        read,
      });
    }
  }

  /** Of the declaring entities of a full refresh's snapshot, those whose rows must be computed. */
  toCompute(snapshot: CatalogSnapshot, declaring: Entity[]): Entity[] {
    if (this.keepForMs <= 0) return declaring;
    this.observe(snapshot);
    this.forgetChangesBefore(this.oldestRead());

    // the latest read at which something each entity is computed from changed
    const changedAt = new Map<string, number>();
    const inputsChangedAt = new Map<string, number>();
    for (const { read, refs } of this.changes) {
      for (const ref of refs) {
        changedAt.set(ref, read);
        inputsChangedAt.set(ref, read);
      }
      for (const ref of snapshot.dependantsOf(refs)) {
        inputsChangedAt.set(ref, read);
      }
    }
    const now = snapshot.readAt;
    return declaring.filter(entity => {
      const ref = recordRef(entity);
      const computed = this.computedAt.get(ref);
      if (
        !computed ||
        now - computed.at >= this.keepForMs ||
        now >= computed.localDayEnd ||
        (inputsChangedAt.get(ref) ?? 0) > computed.read
      ) {
        return true;
      }
      if (changedAt.size === 0) return false;
      const placedBy = [
        ...snapshot.ownerAncestry(snapshot.ownerOf(entity)),
        snapshot.systemOf(entity),
        snapshot.domainOf(entity),
      ];
      return placedBy.some(
        placing =>
          placing !== null && (changedAt.get(placing) ?? 0) > computed.read,
      );
    });
  }

  /** Forgets rows that are gone. */
  forget(refs: Iterable<string>): void {
    for (const ref of refs) this.computedAt.delete(ref);
  }

  /** The earliest read a remembered row was computed from. */
  private oldestRead(): number {
    let oldest = this.lastRead;
    for (const { read } of this.computedAt.values()) {
      if (read < oldest) oldest = read;
    }
    return oldest;
  }

  /** Changes seen at or before `read` are in every remembered row already. */
  private forgetChangesBefore(read: number): void {
    this.changes = this.changes.filter(change => change.read > read);
  }

  private localDayEnd(at: number, zone: string): number {
    const cached = this.dayEnds.get(zone);
    if (cached && at >= cached.start && at < cached.end) return cached.end;
    const day = DateTime.fromMillis(at, { zone }).startOf('day');
    const span = {
      start: day.toMillis(),
      end: day.plus({ days: 1 }).toMillis(),
    };
    this.dayEnds.set(zone, span);
    return span.end;
  }
}

function fingerprint(entity: Entity): string {
  return createHash('sha1').update(JSON.stringify(entity)).digest('base64');
}
