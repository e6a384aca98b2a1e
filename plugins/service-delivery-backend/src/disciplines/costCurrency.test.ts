import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CostCurrencies } from './costCurrency';

const service = (name: string, currency?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:payments',
    serviceDelivery: currency ? { cost: { currency } } : { tier: 'tier-1' },
  },
});

describe('CostCurrencies', () => {
  const settings = { currency: 'EUR', currencyRates: { USD: 0.9 } };
  const user = mockCredentials.user('user:default/alice');
  const robot = mockCredentials.service('plugin:cost-feed');

  function setUp() {
    let now = 1_000_000;
    const catalog = catalogServiceMock({
      entities: [service('checkout', 'USD'), service('ledger')],
    });
    const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
    const currencies = new CostCurrencies({
      catalog,
      settings,
      now: () => now,
    });
    return {
      currencies,
      asked: () => asked.mock.calls.map(([request]) => request.entityRefs),
      later: (ms: number) => {
        now += ms;
      },
    };
  }

  it('gives each service its declared currency, or the organisation’s', async () => {
    const { currencies } = setUp();
    const found = await currencies.of(
      [
        'component:default/checkout',
        'component:default/ledger',
        'component:default/not-yet-in-the-catalog',
      ],
      user,
    );
    expect(Object.fromEntries(found)).toEqual({
      'component:default/checkout': 'USD',
      'component:default/ledger': 'EUR',
      'component:default/not-yet-in-the-catalog': 'EUR',
    });
  });

  it('asks the catalog for the currency alone, not the whole declaration', async () => {
    // the in-memory catalog answers only the fields asked for, as the catalog does
    const catalog = catalogServiceMock({
      entities: [service('checkout', 'USD'), service('ledger')],
    });
    const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
    const currencies = new CostCurrencies({ catalog, settings });
    const found = await currencies.of(
      ['component:default/checkout', 'component:default/ledger'],
      user,
    );
    expect(Object.fromEntries(found)).toEqual({
      'component:default/checkout': 'USD',
      'component:default/ledger': 'EUR',
    });
    const fields = asked.mock.calls[0][0].fields;
    expect(fields).toContain('spec.serviceDelivery.cost.currency');
    expect(fields).not.toContain('spec.serviceDelivery');
  });

  it('asks the catalog once a minute per caller, and every time about unknown services', async () => {
    const { currencies, asked, later } = setUp();
    const refs = [
      'component:default/checkout',
      'component:default/checkout',
      'component:default/unknown',
    ];
    await currencies.of(refs, robot);
    later(59_999);
    await currencies.of(refs, robot);
    // another caller may see another catalog
    await currencies.of(refs, user);
    later(1);
    await currencies.of(refs, robot);
    expect(asked()).toEqual([
      ['component:default/checkout', 'component:default/unknown'],
      ['component:default/unknown'],
      ['component:default/checkout', 'component:default/unknown'],
      ['component:default/checkout', 'component:default/unknown'],
    ]);
  });

  it('keeps at most the configured number of entries, the oldest leaving first', async () => {
    const catalog = catalogServiceMock({
      entities: [service('a', 'USD'), service('b'), service('c')],
    });
    const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
    const currencies = new CostCurrencies({
      catalog,
      settings,
      maxEntries: 2,
    });
    await currencies.of(['component:default/a'], robot);
    await currencies.of(['component:default/b'], robot);
    await currencies.of(['component:default/c'], robot);
    asked.mockClear();
    await currencies.of(
      ['component:default/a', 'component:default/b', 'component:default/c'],
      robot,
    );
    expect(asked.mock.calls.map(([r]) => r.entityRefs)).toEqual([
      ['component:default/a'],
    ]);
  });

  it('looks services up for an outside tool with the plugin’s own credentials, for a user with theirs', async () => {
    const catalog = catalogServiceMock({ entities: [service('a', 'USD')] });
    const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
    const own = mockCredentials.service('plugin:service-delivery');
    const currencies = new CostCurrencies({
      catalog,
      settings,
      auth: { getOwnServiceCredentials: async () => own },
    });
    const restrictedToken = mockCredentials.service('external:ingest', {
      permissionNames: ['service-delivery.data.write'],
    });
    await currencies.of(['component:default/a'], restrictedToken);
    await currencies.of(['component:default/a'], user);
    expect(
      asked.mock.calls.map(
        ([, options]) => (options as { credentials?: unknown }).credentials,
      ),
    ).toEqual([own, user]);
  });
});
