import { validateServiceDeliveryConfig } from './config';

const designExample = {
  currency: 'EUR',
  tiers: {
    'tier-1': { availability: 99.95, rto: '1h', rpo: '15m', testEvery: '6mo' },
    'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
    'tier-3': { availability: 99.5, rto: '1d', rpo: '1d', testEvery: '2y' },
  },
  partialOutageWeight: 0.5,
  validation: 'warn',
};

describe('validateServiceDeliveryConfig', () => {
  it('accepts the example of the design', () => {
    expect(validateServiceDeliveryConfig(designExample)).toEqual([]);
  });

  it('accepts a digest threshold of 0 or more', () => {
    for (const digestAbove of [0, 5, 1000]) {
      expect(
        validateServiceDeliveryConfig({ notifications: { digestAbove } }),
      ).toEqual([]);
    }
  });

  it('accepts a missing or empty section', () => {
    expect(validateServiceDeliveryConfig(undefined)).toEqual([]);
    expect(validateServiceDeliveryConfig({})).toEqual([]);
  });

  it('reads the retention and names its keys when they are wrong', () => {
    expect(
      validateServiceDeliveryConfig({
        retention: { keep: '25mo', afterEntityGone: '30d' },
      }),
    ).toEqual([]);
    expect(
      validateServiceDeliveryConfig({
        retention: { keep: '2w', afterEntityGone: 'soon', kept: '1y' },
      }),
    ).toEqual([
      expect.objectContaining({ path: 'serviceDelivery.retention.kept' }),
      expect.objectContaining({
        path: 'serviceDelivery.retention.afterEntityGone',
      }),
      {
        path: 'serviceDelivery.retention.keep',
        message:
          "must be at least 32 days, so that a whole month's figures can be read (got 2w)",
      },
    ]);
  });

  it('leaves room for settings of other modules', () => {
    expect(
      validateServiceDeliveryConfig({
        providers: { prometheus: { baseUrl: 'http://x' } },
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'a section that is a list',
      [],
      'serviceDelivery',
      'must be an object (got a list)',
    ],
    [
      'a currency in lower case',
      { currency: 'eur' },
      'serviceDelivery.currency',
      "must be a three-letter currency code such as EUR (got 'eur')",
    ],
    [
      'an unparseable RTO',
      { tiers: { 'tier-1': { rto: '1 hour' } } },
      'serviceDelivery.tiers.tier-1.rto',
      "must be a duration such as 15m, 4h, 1d or PT15M (got '1 hour')",
    ],
    [
      'an availability above 100',
      { tiers: { gold: { availability: 100.01 } } },
      'serviceDelivery.tiers.gold.availability',
      'must be a percentage above 0 and at most 100 (got 100.01)',
    ],
    [
      'an unknown policy field',
      { tiers: { gold: { testevery: '1y' } } },
      'serviceDelivery.tiers.gold.testevery',
      "unknown field 'testevery' (did you mean 'testEvery'?)",
    ],
    [
      'a tier that is not an object',
      { tiers: { gold: '99.9' } },
      'serviceDelivery.tiers.gold',
      "must be an object (got '99.9')",
    ],
    [
      'a partial outage weight of 50',
      { partialOutageWeight: 50 },
      'serviceDelivery.partialOutageWeight',
      'must be at most 1 (got 50)',
    ],
    [
      'a negative partial outage weight',
      { partialOutageWeight: -0.5 },
      'serviceDelivery.partialOutageWeight',
      'must not be negative (got -0.5)',
    ],
    [
      'a digest threshold of 2.5',
      { notifications: { digestAbove: 2.5 } },
      'serviceDelivery.notifications.digestAbove',
      'must be a whole number (got 2.5)',
    ],
    [
      'a negative digest threshold',
      { notifications: { digestAbove: -1 } },
      'serviceDelivery.notifications.digestAbove',
      'must not be negative (got -1)',
    ],
    [
      'a misspelt digest threshold',
      { notifications: { digestAfter: 5 } },
      'serviceDelivery.notifications.digestAfter',
      'unknown',
    ],
    [
      'a validation mode of error',
      { validation: 'error' },
      'serviceDelivery.validation',
      "must be one of warn, strict (got 'error')",
    ],
    [
      'a misspelt setting',
      { partialOutageWieght: 0.5 },
      'serviceDelivery.partialOutageWieght',
      "unknown setting 'partialOutageWieght' (did you mean 'partialOutageWeight'?)",
    ],
  ])('reports %s', (_description, value, path, message) => {
    expect(validateServiceDeliveryConfig(value)).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('reports several mistakes at once', () => {
    expect(
      validateServiceDeliveryConfig({
        currency: 'euro',
        tiers: { 'tier-1': { rto: 'soon', rpo: -1 } },
        validation: 'loud',
      }).map(problem => problem.path),
    ).toEqual([
      'serviceDelivery.currency',
      'serviceDelivery.tiers.tier-1.rto',
      'serviceDelivery.tiers.tier-1.rpo',
      'serviceDelivery.validation',
    ]);
  });
});
