import { FOCUS_COLUMNS, FocusCostInput, focusCostRows } from './focus';

const payments: FocusCostInput = {
  entityRef: 'component:default/payments-api',
  kind: 'component',
  name: 'payments-api',
  title: 'Payments API',
  owner: 'group:default/payments',
  system: 'system:default/payments-processing',
  costCenter: 'CC-4410',
  currency: 'EUR',
  timezone: 'Europe/London',
  lines: [
    { month: '2026-03', category: 'compute', amount: 800 },
    { month: '2026-03', category: 'compute', amount: 0.01 },
    { month: '2026-03', category: 'storage', amount: 350.5 },
    { month: '2026-04', category: 'compute', amount: 100 },
  ],
  chargeback: [
    { consumer: 'group:default/retail-banking', share: 60 },
    { consumer: 'group:default/corporate-banking', share: 30 },
  ],
};

const total = (rows: ReturnType<typeof focusCostRows>) =>
  rows.reduce((sum, row) => sum + Math.round(Number(row.BilledCost) * 100), 0);

describe('focusCostRows', () => {
  it('writes one showback row per entity, month and category, charged to the owner', () => {
    const rows = focusCostRows([payments], 'showback');
    expect(
      rows.map(r => [r.x_CostCategory, r.BilledCost, r.x_ChargedTo]),
    ).toEqual([
      ['compute', '800.01', 'group:default/payments'],
      ['storage', '350.50', 'group:default/payments'],
      ['compute', '100.00', 'group:default/payments'],
    ]);
    // March in London: from 00:00 GMT on the 1st to 00:00 BST (23:00 UTC) on the 31st
    expect(rows[0]).toMatchObject({
      ChargePeriodStart: '2026-03-01T00:00:00.000Z',
      ChargePeriodEnd: '2026-03-31T23:00:00.000Z',
      BillingPeriodStart: '2026-03-01T00:00:00.000Z',
      BillingCurrency: 'EUR',
      EffectiveCost: '800.01',
      ChargeCategory: 'Usage',
      ResourceId: 'component:default/payments-api',
      ResourceName: 'payments-api',
      ServiceName: 'Payments API',
      SubAccountId: 'group:default/payments',
      x_CostCenter: 'CC-4410',
      x_System: 'system:default/payments-processing',
      x_ChargeShare: '100',
    });
    expect(JSON.parse(rows[0].Tags)).toEqual({
      'backstage.io/entity-ref': 'component:default/payments-api',
      'backstage.io/owner': 'group:default/payments',
      'backstage.io/system': 'system:default/payments-processing',
      'cost-center': 'CC-4410',
    });
    expect(Object.keys(rows[0])).toEqual([...FOCUS_COLUMNS]);
  });

  it('splits each cost by the chargeback shares to the cent, the rest to the owner, summing as showback does', () => {
    const rows = focusCostRows([payments], 'chargeback');
    // 800.01 × 60 % = 480.006, × 30 % = 240.003, × 10 % = 80.001: 480.01 takes the odd cent
    expect(
      rows
        .filter(
          r =>
            r.ChargeDescription ===
            'compute of component:default/payments-api, 2026-03',
        )
        .map(r => [r.x_ChargedTo, r.x_ChargeShare, r.BilledCost]),
    ).toEqual([
      ['group:default/retail-banking', '60', '480.01'],
      ['group:default/corporate-banking', '30', '240.00'],
      ['group:default/payments', '10', '80.00'],
    ]);
    expect(total(rows)).toBe(total(focusCostRows([payments], 'showback')));
    expect(total(rows)).toBe(125051);
  });

  it('charges everything to the owner without chargeback, and writes nothing without cost', () => {
    const rows = focusCostRows(
      [
        { ...payments, chargeback: [] },
        { ...payments, entityRef: 'x', lines: [] },
      ],
      'chargeback',
    );
    expect(new Set(rows.map(r => r.x_ChargedTo))).toEqual(
      new Set(['group:default/payments']),
    );
    expect(rows).toHaveLength(3);
  });
});
