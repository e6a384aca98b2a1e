import {
  FindingSummary,
  OverviewRowSummary,
} from '@service-delivery/plugin-service-delivery-common';
import { OverviewData } from './OverviewCache';
import { OverviewFilter, filterFindings } from './overviewQuery';
import { selectOverview } from './overviewSelection';
import { sharedServicesOf } from './visibleOverview';

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

describe('the findings of a selection', () => {
  const finding = (
    id: string,
    name: string,
    severity: FindingSummary['severity'],
    discipline: FindingSummary['discipline'] = 'service-level',
  ): FindingSummary => ({
    id,
    entityRef: `component:default/${name}`,
    severity,
    discipline,
  });
  // most severe first, as a copy of the overview holds them; ties keep the copy's order
  const findings = [
    finding('f1', 'payments', 'critical'),
    finding('f2', 'ledger', 'critical', 'cost'),
    finding('f3', 'cards', 'high'),
    finding('f4', 'payments', 'high', 'capacity'),
    finding('f5', 'treasury', 'medium'),
    finding('f6', 'cards', 'medium', 'cost'),
    finding('f7', 'ledger', 'low'),
    finding('f8', 'payments', 'low'),
    finding('f9', 'fx', 'low'),
    finding('f10', 'risk', 'low'),
    finding('f11', 'audit', 'low'),
    finding('f12', 'archive', 'low'),
    ...Array.from({ length: 12 }, (_, i) =>
      finding(`f${13 + i}`, `other-${i}`, 'low'),
    ),
  ];
  const rows = [
    row('ledger', 'group:default/core', 'met'),
    row('payments', 'group:default/payments', 'breached'),
    row('cards', 'group:default/payments', 'at-risk'),
  ];
  const all = { severity: [], discipline: [] };
  const ids = (list: FindingSummary[]) => list.map(f => f.id);

  it('keeps the order of the copy, looking a few rows up by entity', () => {
    // 5 of 24 findings: looked up by entity, then put back in the copy's order
    expect(ids(filterFindings(findings, rows.slice(1), all))).toEqual([
      'f1',
      'f3',
      'f4',
      'f6',
      'f8',
    ]);
    expect(
      ids(
        filterFindings(findings, rows.slice(1), {
          severity: ['high', 'low'],
          discipline: [],
        }),
      ),
    ).toEqual(['f3', 'f4', 'f8']);
    expect(
      ids(
        filterFindings(findings, rows.slice(1), {
          severity: [],
          discipline: ['cost', 'capacity'],
        }),
      ),
    ).toEqual(['f4', 'f6']);
  });

  it('answers the same when most findings are selected (read in one pass)', () => {
    // 7 of 24: more than a quarter, so every finding is read
    expect(ids(filterFindings(findings, rows, all))).toEqual([
      'f1',
      'f2',
      'f3',
      'f4',
      'f6',
      'f7',
      'f8',
    ]);
    expect(
      ids(
        filterFindings(findings, rows, { severity: ['low'], discipline: [] }),
      ),
    ).toEqual(['f7', 'f8']);
  });

  it('counts a row named twice once, and a row without findings as none', () => {
    const twice = [rows[2], rows[2], row('quiet', 'group:default/core', 'met')];
    expect(ids(filterFindings(findings, twice, all))).toEqual(['f3', 'f6']);
    expect(filterFindings(findings, [], all)).toEqual([]);
  });

  it('works the findings of a selection out once per severity and discipline', () => {
    const copy: OverviewData = { ...data(rows), findings };
    const selection = selectOverview(
      copy,
      filter({ owner: ['group:default/payments'] }),
      { costVisible: true },
    );
    const first = selection.findings({
      severity: ['low', 'critical'],
      discipline: [],
    });
    expect(ids(first)).toEqual(['f1', 'f8']);
    expect(
      selection.findings({ severity: ['critical', 'low'], discipline: [] }),
    ).toBe(first);
    expect(ids(selection.findings(all))).toEqual([
      'f1',
      'f3',
      'f4',
      'f6',
      'f8',
    ]);
  });
});

describe('sharedServicesOf', () => {
  const dependent = (name: string, dependsOn: string[]) => ({
    ...row(name, 'group:default/core', 'met'),
    dependsOn,
  });

  it('names what another service depends on, once per copy of the overview', () => {
    const copy = data([
      dependent('payments', [
        'resource:default/db',
        'component:default/ledger',
      ]),
      dependent('ledger', ['resource:default/db', 'component:default/ledger']),
      dependent('cards', []),
    ]);
    const shared = sharedServicesOf(copy);
    // the ledger's dependency on itself does not make it shared; the payments' does
    expect([...shared].sort()).toEqual([
      'component:default/ledger',
      'resource:default/db',
    ]);
    expect(sharedServicesOf(copy)).toBe(shared);
    expect(sharedServicesOf({ ...copy })).toBe(shared);
    // a caller who may not read the payments sees a copy of its own rows, and the ledger unshared
    const restricted = { ...copy, rows: copy.rows.slice(1) };
    expect([...sharedServicesOf(restricted)]).toEqual(['resource:default/db']);
  });
});
