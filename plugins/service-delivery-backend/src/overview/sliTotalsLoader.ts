import { TimeRange } from '../database/ServiceDeliveryStore';

type Totals = { good: number; total: number };

type Read = (
  entityRefs: string[],
  range: TimeRange,
) => Promise<Map<string, Totals>>;

type Group = {
  range: TimeRange;
  refs: Set<string>;
  result: Promise<Map<string, Totals>>;
};

/**
 * Sums of SLI events, asked for one entity and objective at a time and read together: every
 * request made while the current step of work runs is answered by one query per distinct range
 * (the entities of a batch mostly share their periods). What was read is kept for the loader's life
 * (one batch of work), so that sums asked for ahead of the work (`prefetch`) answer it without a
 * query of their own.
 */
export class SliTotalsLoader {
  private readonly pending = new Map<string, Group>();
  private readonly fetched = new Map<string, Group[]>();

  constructor(private readonly read: Read) {}

  /** Reads the sums of these entities over these ranges, together, for the work that follows. */
  prefetch(reads: Array<{ entityRef: string; range: TimeRange }>) {
    for (const { entityRef, range } of reads) this.group(entityRef, range);
  }

  totals(
    entityRef: string,
    objective: string,
    range: TimeRange,
  ): Promise<Totals> {
    return this.group(entityRef, range).result.then(
      totals =>
        totals.get(`${entityRef}|${objective}`) ?? { good: 0, total: 0 },
    );
  }

  private group(entityRef: string, range: TimeRange): Group {
    const key = `${range.from}/${range.to}`;
    const done = this.fetched
      .get(key)
      ?.find(group => group.refs.has(entityRef));
    if (done) return done;
    let group = this.pending.get(key);
    if (!group) {
      const refs = new Set<string>();
      const result = new Promise<Map<string, Totals>>((resolve, reject) => {
        setImmediate(() => {
          this.pending.delete(key);
          this.read([...refs], range).then(resolve, reject);
        });
      });
      // a prefetched read nobody asks for must not fail unhandled; askers still see the error
      result.catch(() => {});
      group = { range, refs, result };
      this.pending.set(key, group);
      const groups = this.fetched.get(key) ?? [];
      groups.push(group);
      this.fetched.set(key, groups);
    }
    group.refs.add(entityRef);
    return group;
  }
}
