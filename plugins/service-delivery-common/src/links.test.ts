import { entityDisplayName, entityTabPath } from './links';

describe('entityTabPath', () => {
  it('is the entity page, or one of its tabs, as the app routes them', () => {
    expect(entityTabPath('component:default/payments-api', 'sla')).toBe(
      '/catalog/default/component/payments-api/sla',
    );
    expect(entityTabPath('resource:default/payments-db-eu')).toBe(
      '/catalog/default/resource/payments-db-eu',
    );
    expect(entityTabPath('System:Retail Banking/checkout', 'capacity')).toBe(
      '/catalog/Retail%20Banking/system/checkout/capacity',
    );
  });
});

describe('entityDisplayName', () => {
  it('leaves out the default namespace', () => {
    expect(entityDisplayName('component:default/payments-api')).toBe(
      'payments-api',
    );
    expect(entityDisplayName('component:billing/ledger')).toBe(
      'billing/ledger',
    );
  });

  it('keeps the name of a short reference, and a name as it is', () => {
    expect(entityDisplayName('component:card-hsm')).toBe('card-hsm');
    expect(entityDisplayName('card-hsm')).toBe('card-hsm');
  });
});
