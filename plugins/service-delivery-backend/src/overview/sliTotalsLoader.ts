import { TimeRange } from '../database/ServiceDeliveryStore';

type Totals = { good: number; total: number };

type Read = (
  entityRefs: string[],
  range: TimeRange,
) => Promise<Map<string, Totals>>;

/**
 * Sums of SLI events, asked for one entity and objective at a time and read together: every
 * request made while the current step of work runs is answered by one query per distinct range
 * (the entities of a batch mostly share their periods).
 */
export class SliTotalsLoader {
  private readonly pending = new Map<
    string,
    {
      range: TimeRange;
      refs: Set<string>;
      result: Promise<Map<string, Totals>>;
    }
  >();

  constructor(private readonly read: Read) {}

  totals(
    entityRef: string,
    objective: string,
    range: TimeRange,
  ): Promise<Totals> {
    const key = `${range.from}/${range.to}`;
    let group = this.pending.get(key);
    if (!group) {
      const refs = new Set<string>();
      const result = new Promise<Map<string, Totals>>((resolve, reject) => {
        setImmediate(() => {
          this.pending.delete(key);
          this.read([...refs], range).then(resolve, reject);
        });
      });
      group = { range, refs, result };
      this.pending.set(key, group);
    }
    group.refs.add(entityRef);
    return group.result.then(
      totals =>
        totals.get(`${entityRef}|${objective}`) ?? { good: 0, total: 0 },
    );
  }
}
