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
 * the catalog since the last full refresh: the entity itself, its owner and the groups above it,
 * its system and domain, and anything it depends on, directly or not. Measured data needs no check:
 * every ingest refreshes the rows it touches (and the dependants whose ceiling moved) at once.
 */
export class RecentRows {
  private readonly computedAt = new Map<
    string,
    { at: number; localDayEnd: number }
  >();
  /** What each entity looked like at the last full refresh. */
  private fingerprints?: Map<string, string>;
  private readonly dayEnds = new Map<string, { start: number; end: number }>();

  constructor(private readonly keepForMs: number) {}

  /** Remembers rows computed from a snapshot. */
  computed(snapshot: CatalogSnapshot, entities: Iterable<Entity>): void {
    if (this.keepForMs <= 0) return;
    for (const entity of entities) {
      this.computedAt.set(recordRef(entity), {
        at: snapshot.readAt,
        localDayEnd: this.localDayEnd(
          snapshot.readAt,
          timezoneOf(declaredServiceDelivery(entity)),
        ),
      });
    }
  }

  /**
   * Of the declaring entities of a full refresh's snapshot, those whose rows must be computed; the
   * snapshot becomes the one later full refreshes compare with.
   */
  toCompute(snapshot: CatalogSnapshot, declaring: Entity[]): Entity[] {
    const previous = this.fingerprints;
    const current = new Map<string, string>();
    for (const [ref, entity] of snapshot.entities) {
      current.set(ref, fingerprint(entity));
    }
    this.fingerprints = this.keepForMs > 0 ? current : undefined;
    if (!previous || this.keepForMs <= 0) return declaring;

    const changed = new Set<string>();
    for (const [ref, print] of current) {
      if (previous.get(ref) !== print) changed.add(ref);
    }
    for (const ref of previous.keys()) {
      if (!current.has(ref)) changed.add(ref);
    }
    const dependants =
      changed.size > 0 ? snapshot.dependantsOf(changed) : new Set<string>();
    const now = snapshot.readAt;
    return declaring.filter(entity => {
      const ref = recordRef(entity);
      const computed = this.computedAt.get(ref);
      if (
        !computed ||
        now - computed.at >= this.keepForMs ||
        now >= computed.localDayEnd ||
        changed.has(ref) ||
        dependants.has(ref)
      ) {
        return true;
      }
      if (changed.size === 0) return false;
      const placedBy = [
        ...snapshot.ownerAncestry(snapshot.ownerOf(entity)),
        snapshot.systemOf(entity),
        snapshot.domainOf(entity),
      ];
      return placedBy.some(placing => placing !== null && changed.has(placing));
    });
  }

  /** Forgets rows that are gone. */
  forget(refs: Iterable<string>): void {
    for (const ref of refs) this.computedAt.delete(ref);
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
