import { ConfigReader } from '@backstage/config';
import { readServiceDeliverySettings } from './config';

describe('readServiceDeliverySettings', () => {
  const read = (serviceDelivery: object) =>
    readServiceDeliverySettings(new ConfigReader({ serviceDelivery }));

  it('sends digests above 5 changes unless told otherwise', () => {
    expect(read({}).notifications).toEqual({ digestAbove: 5 });
    expect(read({ notifications: { digestAbove: 0 } }).notifications).toEqual({
      digestAbove: 0,
    });
    expect(read({ notifications: { digestAbove: 20 } }).notifications).toEqual({
      digestAbove: 20,
    });
  });

  it('stops with the key named when the threshold is not a whole number', () => {
    expect(() => read({ notifications: { digestAbove: 'many' } })).toThrow(
      "serviceDelivery.notifications.digestAbove: must be a whole number (got 'many')",
    );
  });
});
