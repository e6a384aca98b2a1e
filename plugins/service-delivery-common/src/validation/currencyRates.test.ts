import { validateServiceDeliveryConfig } from './config';

describe('serviceDelivery.currencyRates', () => {
  it('accepts rates to the organisation currency', () => {
    expect(
      validateServiceDeliveryConfig({
        currency: 'EUR',
        currencyRates: { USD: 0.92, GBP: 1.17 },
      }),
    ).toEqual([]);
  });

  it('names a rate that is not a positive number, or not keyed by a currency code', () => {
    expect(
      validateServiceDeliveryConfig({
        currencyRates: { USD: -1, GBP: 'x', usd: 0.9 },
      }),
    ).toEqual(
      expect.arrayContaining([
        {
          path: 'serviceDelivery.currencyRates.USD',
          message: 'must be greater than 0 (got -1)',
        },
        {
          path: 'serviceDelivery.currencyRates.GBP',
          message: "must be a number (got 'x')",
        },
        {
          path: 'serviceDelivery.currencyRates.usd',
          message:
            'is not a currency: name each rate by its three-letter code, such as USD',
        },
      ]),
    );
  });
});
