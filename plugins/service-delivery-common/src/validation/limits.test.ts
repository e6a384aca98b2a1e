/*
 * Validation reads what anyone may send (an ingest batch, a catalog file), so neither the time it
 * takes nor the length of what it says may grow with one long key or value more than reading the
 * input does.
 */
import { validateRecords } from '../records/validateRecords';
import {
  recordSchemas,
  serviceDeliveryConfigSchema,
  serviceDeliverySpecSchema,
} from '../schema';
import { validateServiceDeliveryConfig } from './config';
import { validateServiceDelivery } from './serviceDelivery';

const sd = 'spec.serviceDelivery';
const million = 1_000_000;
const longKey = 'tier'.padEnd(2 * million, 'x');
const shownKey = `tier${'x'.repeat(56)}… (2000000 characters)`;

/** The least CPU time (user and system, µs) of three runs: the others met a collection or a neighbour. */
function cpuTime(run: () => unknown): number {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    least = Math.min(least, used.user + used.system);
  }
  return least;
}

describe('validation of long keys and values', () => {
  it('reports a 2,000,000-character unknown field shortened, in its path and its message', () => {
    const problems = validateServiceDelivery({ [longKey]: 1 });
    expect(problems).toEqual([
      {
        path: `${sd}.${shownKey}`,
        message: `unknown field '${shownKey}'; the fields here are tier, redundancy, serviceHours, agreements, cost, capacity, continuity`,
      },
    ]);
  });

  it('reports a 2,000,000-character unknown field of a record shortened', () => {
    const { problems } = validateRecords('sli', [
      {
        entityRef: 'payments',
        source: 'prometheus',
        objective: 'success-rate',
        bucketStart: '2026-03-01T10:00:00Z',
        bucketSeconds: 300,
        good: 995,
        total: 1000,
        [longKey]: 1,
      },
    ]);
    expect(problems).toEqual([
      {
        index: 0,
        path: shownKey,
        message: `unknown field '${shownKey}'; the fields here are entityRef, source, objective, bucketStart, bucketSeconds, good, total`,
      },
    ]);
  });

  it('takes no longer over a 2,000,000-character key than writing the payload out as JSON', () => {
    // Before, each unknown field was compared with every known one by edit distance, twice: about
    // forty times as long as JSON.stringify for this payload.
    const payload = { [longKey]: 1 };
    const batch = [payload];
    const reading = cpuTime(() => JSON.stringify(payload));
    expect(
      cpuTime(() => validateServiceDelivery(payload)) / reading,
    ).toBeLessThan(5);
    expect(cpuTime(() => validateRecords('sli', batch)) / reading).toBeLessThan(
      5,
    );
  });

  it('checks the days of a window for repeats in time that grows with their number, not its square', () => {
    // Every day is wrong, so both lists cost the same problems. A repeat at the end is found at
    // once however the check works; without one, comparing every pair took 20 to 50 times as long.
    const windowOf = (days: string[]) => ({
      serviceHours: { weekly: [{ days, from: '08:00', to: '18:00' }] },
    });
    const distinct = Array.from({ length: 12000 }, (_, i) => `day-${i}`);
    const repeated = [...distinct.slice(0, -1), distinct[distinct.length - 2]];
    // a hundred named, and how many more
    const problems = validateServiceDelivery(windowOf(distinct));
    expect(problems).toHaveLength(101);
    expect(problems[100].message).toBe(
      'has 11900 more problems than the 100 read; fix these first',
    );
    const ratio =
      cpuTime(() => validateServiceDelivery(windowOf(distinct))) /
      Math.max(
        1,
        cpuTime(() => validateServiceDelivery(windowOf(repeated))),
      );
    expect(ratio).toBeLessThan(5);
  });

  it('declares the type of the items of every list without repeats, for ajv to look repeats up', () => {
    // ajv compares every pair of items of a list whose items may be objects or lists
    const untyped: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => visit(item, `${at}[${i}]`));
        return;
      }
      if (node === null || typeof node !== 'object') {
        return;
      }
      const schema = node as Record<string, any>;
      if (schema.uniqueItems) {
        const type = schema.items?.type;
        const types = Array.isArray(type) ? type : [type];
        if (
          type === undefined ||
          types.some(t => t === 'object' || t === 'array')
        ) {
          untyped.push(at);
        }
      }
      for (const [key, value] of Object.entries(schema)) {
        visit(value, `${at}.${key}`);
      }
    };
    visit(serviceDeliverySpecSchema, 'spec');
    visit(serviceDeliveryConfigSchema, 'config');
    visit(recordSchemas, 'records');
    expect(untyped).toEqual([]);
  });

  it('quotes a long tier shortened', () => {
    const tier = 'gold'.padEnd(100, '!');
    expect(
      validateServiceDelivery({ tier }, { tiers: ['tier-1', 'tier-2'] }),
    ).toEqual([
      {
        path: `${sd}.tier`,
        message: `'gold${'!'.repeat(
          56,
        )}… (100 characters)' is not a tier of this Backstage (serviceDelivery.tiers in app-config defines tier-1, tier-2)`,
      },
    ]);
  });

  it('quotes a long repeated consumer and a long redundancy member shortened', () => {
    const kind = 'k'.repeat(million);
    const consumer = `${kind}:team`;
    const shown = `${'k'.repeat(60)}… (1000005 characters)`;
    expect(
      validateServiceDelivery(
        {
          cost: {
            chargeback: [
              { consumer, share: 50 },
              { consumer, share: 50 },
            ],
          },
          redundancy: [{ anyOf: [consumer, 'resource:payments-db-us'] }],
        },
        { dependsOn: ['resource:payments-db-us'] },
      ),
    ).toEqual([
      {
        path: `${sd}.redundancy[0].anyOf[0]`,
        message: `'${shown}' is not listed in spec.dependsOn; a redundancy group names dependencies of this entity`,
      },
      {
        path: `${sd}.cost.chargeback[1].consumer`,
        message: `repeats the consumer '${shown}' of ${sd}.cost.chargeback[0]`,
      },
    ]);
  });

  it('quotes a long value of the wrong kind shortened', () => {
    expect(
      validateServiceDelivery({ continuity: { rto: '1h'.repeat(million) } }),
    ).toEqual([
      {
        path: `${sd}.continuity.rto`,
        message: `must be a duration such as 15m, 4h, 1d or PT15M (got '${'1h'.repeat(
          30,
        )}… (2000000 characters)')`,
      },
    ]);
  });

  it('names at most ten objectives when a unit names none of them', () => {
    const objectives = Array.from({ length: 5000 }, (_, i) => ({
      name: `objective-${i + 1}`,
      kind: 'availability',
      target: 99,
    }));
    expect(
      validateServiceDelivery({
        agreements: [{ name: 'retail-sla', type: 'SLA', objectives }],
        cost: { unit: { name: 'transaction', sli: 'success-rate' } },
      }),
    ).toEqual([
      {
        path: `${sd}.cost.unit.sli`,
        message: `names no objective of this service's agreements (they declare ${Array.from(
          { length: 10 },
          (_, i) => `objective-${i + 1}`,
        ).join(', ')} and 4990 more)`,
      },
    ]);
  });

  it('shortens long keys of app-config in paths', () => {
    const tier = 'platinum'.padEnd(1000, '+');
    const shownTier = `platinum${'+'.repeat(52)}… (1000 characters)`;
    expect(
      validateServiceDeliveryConfig({
        tiers: { [tier]: { rto: 'soon' } },
        currencyRates: { ['dollar'.padEnd(500, 's')]: 1.1 },
      }),
    ).toEqual([
      {
        path: `serviceDelivery.tiers.${shownTier}.rto`,
        message: "must be a duration such as 15m, 4h, 1d or PT15M (got 'soon')",
      },
      {
        path: `serviceDelivery.currencyRates.dollar${'s'.repeat(
          54,
        )}… (500 characters)`,
        message:
          'is not a currency: name each rate by its three-letter code, such as USD',
      },
    ]);
  });

  it('quotes a long kind of record shortened', () => {
    expect(validateRecords('x'.repeat(100) as any, []).problems).toEqual([
      {
        index: -1,
        path: '',
        message: `'${'x'.repeat(
          60,
        )}… (100 characters)' is not a kind of record; the kinds are incidents, sli, costs, capacity, dr-tests, corrections`,
      },
    ]);
  });
});
