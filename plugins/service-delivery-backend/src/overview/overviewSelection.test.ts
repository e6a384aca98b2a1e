import { OverviewRowSummary } from '@service-delivery/plugin-service-delivery-common';
import { OverviewData } from './OverviewCache';
import { OverviewFilter } from './overviewQuery';
import { selectOverview } from './overviewSelection';

const row = (
  name: string,
  owner: string,
  status: OverviewRowSummary['status'],
): OverviewRowSummary => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  title: null,
  type: 'service',
  lifecycle: 'production',
  owner,
  ownerAncestry: [owner],
  system: null,
  domain: null,
  tier: null,
  status,
  problems: 0,
  findings: { critical: 0, high: 0, medium: 0, low: 0 },
  dependsOn: [],
  redundancy: [],
  serviceLevel: null,
  availability: null,
  cost: null,
  capacity: null,
  continuity: null,
});

const data = (rows: OverviewRowSummary[]): OverviewData => ({
  rows,
  findings: [],
  computedAt: 0,
  details: async () => new Map(),
});

const filter = (overrides: Partial<OverviewFilter> = {}): OverviewFilter => ({
  owner: [],
  system: [],
  domain: [],
  tier: [],
  lifecycle: [],
  status: [],
  policy: [],
  kind: [],
  ...overrides,
});

describe('selectOverview', () => {
  const copy = data([
    row('ledger', 'group:default/core', 'met'),
    row('payments', 'group:default/payments', 'breached'),
    row('cards', 'group:default/payments', 'at-risk'),
  ]);

  it('selects, sorts and aggregates the rows a filter passes', () => {
    const selection = selectOverview(
      copy,
      filter({ owner: ['group:default/payments'] }),
      { costVisible: true },
    );
    expect(selection.sorted('name', 'asc').map(r => r.name)).toEqual([
      'cards',
      'payments',
    ]);
    expect(selection.sorted('status', 'desc').map(r => r.name)).toEqual([
      'payments',
      'cards',
    ]);
    expect(selection.aggregates().kpis.services).toBe(2);
    // the owner facet counts every owner, as if the owner filter were not set
    expect(selection.aggregates().facets.owner).toEqual([
      { value: 'group:default/payments', count: 2 },
      { value: 'group:default/core', count: 1 },
    ]);
  });

  it('works a filter out once per copy of the overview, whatever order its values come in', () => {
    const statuses = filter({ status: ['met', 'breached'] });
    const first = selectOverview(copy, statuses, { costVisible: true });
    const again = selectOverview(
      copy,
      filter({ status: ['breached', 'met'] }),
      { costVisible: true },
    );
    expect(again).toBe(first);
    expect(again.aggregates()).toBe(first.aggregates());
    expect(again.sorted('name', 'asc')).toBe(first.sorted('name', 'asc'));
    // without cost the figures differ, so the selection is another one
    expect(selectOverview(copy, statuses, { costVisible: false })).not.toBe(
      first,
    );
  });

  it('works a filter out afresh for a new copy of the overview', () => {
    const before = selectOverview(copy, filter(), { costVisible: true });
    const refreshed = data([
      ...copy.rows,
      row('treasury', 'group:default/core', 'breached'),
    ]);
    const after = selectOverview(refreshed, filter(), { costVisible: true });
    expect(before.rows).toHaveLength(3);
    expect(after.rows).toHaveLength(4);
    expect(after.aggregates().kpis.byStatus.breached).toBe(2);
  });

  it('keeps the most recently used filters and forgets the oldest', () => {
    const fresh = data(copy.rows);
    const search = (q: string) =>
      selectOverview(fresh, filter({ q }), { costVisible: true });
    const kept = search('q0');
    const old = search('q1');
    const keptAlong: boolean[] = [];
    for (let i = 2; i <= 72; i++) {
      search(`q${i}`);
      if (i % 10 === 0) keptAlong.push(search('q0') === kept);
    }
    expect(keptAlong).toEqual(Array(7).fill(true));
    expect(search('q0')).toBe(kept);
    expect(search('q1')).not.toBe(old);
  });
});
