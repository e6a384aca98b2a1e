import { Entity } from '@backstage/catalog-model';
import {
  declaredTimezone,
  isAvailabilityAvailable,
  isCapacityAvailable,
  isContinuityAvailable,
  isCostAvailable,
  isServiceDeliveryAvailable,
  isSlaAvailable,
} from './predicates';

function entityWith(serviceDelivery?: unknown): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api' },
    spec: {
      type: 'service',
      owner: 'group:payments',
      ...(serviceDelivery === undefined ? {} : { serviceDelivery }),
    },
  } as Entity;
}

describe('predicates', () => {
  it('isServiceDeliveryAvailable needs spec.serviceDelivery to be an object', () => {
    expect(isServiceDeliveryAvailable(entityWith({ tier: 'tier-1' }))).toBe(
      true,
    );
    expect(isServiceDeliveryAvailable(entityWith({}))).toBe(true);
    expect(isServiceDeliveryAvailable(entityWith())).toBe(false);
    expect(isServiceDeliveryAvailable(entityWith('tier-1'))).toBe(false);
    expect(isServiceDeliveryAvailable(entityWith([]))).toBe(false);
    expect(isServiceDeliveryAvailable(entityWith(null))).toBe(false);
  });

  it('isSlaAvailable needs at least one agreement', () => {
    expect(
      isSlaAvailable(entityWith({ agreements: [{ name: 'a', type: 'OLA' }] })),
    ).toBe(true);
    expect(isSlaAvailable(entityWith({ agreements: [] }))).toBe(false);
    expect(isSlaAvailable(entityWith({ agreements: { name: 'a' } }))).toBe(
      false,
    );
    expect(isSlaAvailable(entityWith({ tier: 'tier-1' }))).toBe(false);
  });

  it('isAvailabilityAvailable needs an availability objective or service hours', () => {
    const withObjective = entityWith({
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          objectives: [
            { name: 'latency', kind: 'latency', target: 99 },
            { name: 'availability', kind: 'availability', target: 99.95 },
          ],
        },
      ],
    });
    const latencyOnly = entityWith({
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          objectives: [{ name: 'latency', kind: 'latency', target: 99 }],
        },
      ],
    });
    expect(isAvailabilityAvailable(withObjective)).toBe(true);
    expect(isAvailabilityAvailable(latencyOnly)).toBe(false);
    expect(
      isAvailabilityAvailable(
        entityWith({ serviceHours: { schedule: '24x7' } }),
      ),
    ).toBe(true);
    expect(
      isAvailabilityAvailable(entityWith({ agreements: [null, 'oops'] })),
    ).toBe(false);
  });

  it('the later tabs look for their own parts', () => {
    const full = entityWith({
      cost: { costCenter: 'CC-4711' },
      capacity: { resources: [{ name: 'cpu', capacity: 64 }] },
      continuity: { rto: '1h' },
    });
    expect(isCostAvailable(full)).toBe(true);
    expect(isCapacityAvailable(full)).toBe(true);
    expect(isContinuityAvailable(full)).toBe(true);

    const bare = entityWith({ capacity: { resources: [] } });
    expect(isCostAvailable(bare)).toBe(false);
    expect(isCapacityAvailable(bare)).toBe(false);
    expect(isContinuityAvailable(bare)).toBe(false);
  });

  it("declaredTimezone reads the service hours' timezone, UTC without one", () => {
    expect(
      declaredTimezone(
        entityWith({ serviceHours: { timezone: 'Pacific/Auckland' } }),
      ),
    ).toBe('Pacific/Auckland');
    expect(declaredTimezone(entityWith({ serviceHours: {} }))).toBe('UTC');
    expect(
      declaredTimezone(entityWith({ serviceHours: 'Europe/London' })),
    ).toBe('UTC');
    expect(declaredTimezone(entityWith())).toBe('UTC');
  });
});
