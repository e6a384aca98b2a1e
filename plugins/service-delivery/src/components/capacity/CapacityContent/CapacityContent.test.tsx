import { fireEvent, screen, within } from '@testing-library/react';
import {
  capacityResponse,
  checkoutEntity,
  grownCapacityResponse,
} from '../../../__testUtils__/costFixtures';
import {
  entityResponse,
  paymentsEntity,
} from '../../../__testUtils__/fixtures';
import {
  guideText,
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { CapacityContent } from './CapacityContent';

// Rendering a tab with its charts and menus takes seconds on a busy machine.
jest.setTimeout(30_000);

const noProblems = { ...entityResponse, problems: [] };

function resourceRows() {
  const table = screen.getByRole('table', { name: 'Capacity resources' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r));
}

describe('CapacityContent', () => {
  it('lists the resources soonest to reach critical first, with their crossings', async () => {
    const api = mockServiceDeliveryApi({
      getCapacity: jest.fn().mockResolvedValue(capacityResponse),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CapacityContent />, {
      entity: checkoutEntity,
      api,
    });
    await screen.findByRole('table', { name: 'Capacity resources' });
    expect(api.getCapacity).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      {},
    );

    const [storage, cpu] = resourceRows();
    expect(storage.getByText('storage')).toBeInTheDocument();
    expect(storage.getByText('900 GiB')).toBeInTheDocument();
    expect(storage.getByText('90%')).toBeInTheDocument();
    expect(storage.getByText('Critical')).toBeInTheDocument();
    expect(storage.getAllByText('Already')).toHaveLength(2);
    expect(storage.getByText('in 2 days')).toBeInTheDocument();

    expect(cpu.getByText('cpu')).toBeInTheDocument();
    expect(cpu.getByText('200 cores')).toBeInTheDocument();
    expect(cpu.getByText('OK')).toBeInTheDocument();
    expect(cpu.getByText('in 110 days')).toBeInTheDocument();

    // one chart card per resource
    expect(screen.getAllByText(/· full:/)).toHaveLength(2);
  });

  it('asks the backend again with the growth chosen and shows the new dates', async () => {
    const api = mockServiceDeliveryApi({
      getCapacity: jest
        .fn()
        .mockImplementation(async (_ref, whatIf) =>
          whatIf?.growth ? grownCapacityResponse : capacityResponse,
        ),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CapacityContent />, {
      entity: checkoutEntity,
      api,
    });
    await screen.findByRole('table', { name: 'Capacity resources' });
    expect(resourceRows()[1].getByText('in 110 days')).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByRole('button', { name: /As measured/ }));
    fireEvent.click(await screen.findByRole('option', { name: '+25 %' }));

    expect(
      await screen.findByText(/What if demand were 1.25 times what it is/),
    ).toBeInTheDocument();
    expect(api.getCapacity).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { growth: 1.25 },
    );
    expect(resourceRows()[1].getByText('in 76 days')).toBeInTheDocument();
  });

  it('explains how to declare capacity when the entity declares none', async () => {
    const api = mockServiceDeliveryApi({
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CapacityContent />, {
      entity: paymentsEntity,
      api,
    });
    expect(await screen.findByText('No capacity declared')).toBeInTheDocument();
    expect(guideText('No capacity declared')).toContain(
      '- { name: cpu, unit: cores, capacity: 64, warning: 70, critical: 85 }',
    );
    expect(api.getCapacity).not.toHaveBeenCalled();
  });

  describe('resources declared without samples', () => {
    const withoutSamples = {
      ...capacityResponse,
      resources: capacityResponse.resources.map(resource => ({
        ...resource,
        used: null,
        lastSampleAt: null,
        utilisation: null,
        headroom: null,
        status: 'no-data' as const,
        trendPerDay: null,
        samplesInWindow: 0,
        samples: [],
        forecast: [],
      })),
    };

    it('shows the samples to send for each resource, for this entity', async () => {
      const api = mockServiceDeliveryApi({
        getCapacity: jest.fn().mockResolvedValue(withoutSamples),
        getEntity: jest.fn().mockResolvedValue(noProblems),
      });
      await renderForEntity(<CapacityContent />, {
        entity: checkoutEntity,
        api,
      });
      await screen.findByRole('table', { name: 'Capacity resources' });

      const guide = guideText('No samples for cpu and storage');
      expect(guide).toContain(
        'curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/capacity"',
      );
      expect(guide).toContain('"entityRef": "component:default/checkout"');
      expect(guide).toContain('"resource": "cpu"');
      expect(guide).toContain('"resource": "storage"');
      expect(guide).toContain('"at": "2026-05-15T12:00:00.000Z"');
    });

    it('shows the Prometheus config for a resource that declares its PromQL', async () => {
      const declaresPromQl = JSON.parse(JSON.stringify(checkoutEntity));
      declaresPromQl.spec.serviceDelivery.capacity.resources[0].prometheus = {
        used: 'sum(node_cpu_used{job="checkout"})',
      };
      const api = mockServiceDeliveryApi({
        getCapacity: jest.fn().mockResolvedValue(withoutSamples),
        getEntity: jest.fn().mockResolvedValue(noProblems),
      });
      await renderForEntity(<CapacityContent />, {
        entity: declaresPromQl,
        api,
      });
      await screen.findByRole('table', { name: 'Capacity resources' });

      const pulled = guideText('No samples from Prometheus for cpu');
      expect(pulled).toContain('baseUrl: http://prometheus.monitoring:9090');
      expect(pulled).toContain('# cpu declares:');
      expect(pulled).toContain('used: sum(node_cpu_used{job="checkout"})');
      const pushed = guideText('No samples for storage');
      expect(pushed).toContain('"resource": "storage"');
      expect(pushed).not.toContain('"resource": "cpu"');
    });
  });
});
