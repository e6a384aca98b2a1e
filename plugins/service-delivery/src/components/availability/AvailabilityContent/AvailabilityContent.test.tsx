import { screen, within } from '@testing-library/react';
import {
  availabilityResponse,
  entityResponse,
  paymentsEntity,
  undeclaredEntity,
} from '../../../__testUtils__/fixtures';
import {
  guideText,
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { AvailabilityContent } from './AvailabilityContent';

function tile(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

describe('AvailabilityContent', () => {
  it('renders the availability KPIs as percentages and durations', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue(availabilityResponse),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
      routeEntries: ['/?period=2026-10'],
    });

    await screen.findByRole('group', { name: 'Availability' });
    expect(api.getAvailability).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      '2026-10',
    );

    expect(tile('Availability').getByText('99.902%')).toBeInTheDocument();
    expect(tile('Availability').getByText('target 99.95%')).toBeInTheDocument();
    expect(tile('Availability').getByText('Breached')).toBeInTheDocument();
    expect(tile('Agreed service time').getByText('19d 4h')).toBeInTheDocument();
    expect(tile('Downtime').getByText('27m')).toBeInTheDocument();
    expect(tile('Failures').getByText('2')).toBeInTheDocument();
    expect(tile('MTBF').getByText('9d 13h')).toBeInTheDocument();
    expect(tile('MTRS').getByText('13m 30s')).toBeInTheDocument();
    expect(tile('MTBSI').getByText('9d 14h')).toBeInTheDocument();

    expect(screen.getByText('Outages')).toBeInTheDocument();
    expect(
      screen.getByText('Card authorisations time out'),
    ).toBeInTheDocument();
    expect(screen.getByText('Where the minutes went')).toBeInTheDocument();
    expect(screen.getByText('02:00–04:00')).toBeInTheDocument();
  });

  it('keeps the measured availability and shows the agreed one beside it when SLA corrections apply', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue({
        ...availabilityResponse,
        agreed: [
          {
            agreement: 'retail-sla',
            availability: 99.96,
            downtime: 1080,
            agreedServiceTime: 2_592_000,
            corrections: 1,
          },
        ],
      }),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });
    await screen.findByRole('group', { name: 'Measured availability' });
    expect(
      tile('Measured availability').getByText('99.902%'),
    ).toBeInTheDocument();
    const agreed = tile('Agreed availability · retail-sla');
    expect(agreed.getByText('99.96%')).toBeInTheDocument();
    expect(
      agreed.getByText('1 SLA correction applied; downtime 18m'),
    ).toBeInTheDocument();
  });

  it('shows the period in the timezone the answer names', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue({
        ...availabilityResponse,
        // Q2 from 1 Apr 00:00 NZDT (UTC+13) to 1 Jul 00:00 NZST (UTC+12), over
        period: {
          label: '2026-Q2',
          start: '2026-03-31T11:00:00.000Z',
          end: '2026-06-30T12:00:00.000Z',
          measuredUntil: '2026-06-30T12:00:00.000Z',
          timezone: 'Pacific/Auckland',
        },
        timezone: 'Pacific/Auckland',
      }),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
      routeEntries: ['/?period=2026-Q2'],
    });
    expect(
      await screen.findByText(
        '2026-Q2: 1 Apr – 30 Jun 2026 (Pacific/Auckland)',
      ),
    ).toBeInTheDocument();
  });

  it('warns when the target is above what the dependencies allow, naming them', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue(availabilityResponse),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });

    expect(
      await screen.findByText('The agreed target is unachievable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /The target of 99.95% is above what the dependencies can deliver \(99.93%\)/,
      ),
    ).toBeInTheDocument();

    const dependencies = within(
      screen.getByRole('table', { name: 'Limiting dependencies' }),
    );
    const database = within(
      dependencies.getByText('payments-db-eu').closest('tr') as HTMLElement,
    );
    expect(database.getByText('99.95%')).toBeInTheDocument();
    expect(database.getByText('Agreed target')).toBeInTheDocument();
    expect(dependencies.getByText('fraud-scoring')).toBeInTheDocument();
    expect(dependencies.getByText('Measured')).toBeInTheDocument();
  });

  it('says nothing about the ceiling when the target is achievable', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue({
        ...availabilityResponse,
        composite: {
          achievable: 99.99,
          bounds: { low: 99.99, high: 99.99 },
          exact: true,
          feasibility: 'achievable',
          unachievable: false,
          limitingDependencies: [],
        },
      }),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });
    expect(await screen.findByText('99.99%')).toBeInTheDocument();
    expect(screen.queryByText('The agreed target is unachievable')).toBeNull();
    expect(screen.queryByText(/Bounded, not exact/)).toBeNull();
  });

  it('gives a ceiling it could only bound as a range, and the target within it as at risk', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue({
        ...availabilityResponse,
        composite: {
          ...availabilityResponse.composite,
          achievable: 99.9,
          bounds: { low: 99.9, high: 99.97 },
          exact: false,
          feasibility: 'uncertain',
          unachievable: true,
        },
      }),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText('The agreed target may be unachievable'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/between 99.9% and 99.97%/)).toHaveLength(2);
    expect(screen.getByText(/Bounded, not exact/)).toBeInTheDocument();
    expect(screen.queryByText('The agreed target is unachievable')).toBeNull();
  });

  it('shows the metadata problems above the figures', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest.fn().mockResolvedValue(availabilityResponse),
      getEntity: jest.fn().mockResolvedValue(entityResponse),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText('spec.serviceDelivery.tier'),
    ).toBeInTheDocument();
  });

  it('explains how to declare availability when the entity declares none', async () => {
    const api = mockServiceDeliveryApi({
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: undeclaredEntity,
      api,
    });
    expect(
      await screen.findByText('No availability declared'),
    ).toBeInTheDocument();
    const guide = guideText('No availability declared');
    expect(guide).toContain('spec.serviceDelivery');
    expect(guide).toContain('serviceHours:');
    expect(guide).toContain(
      '- { name: availability, kind: availability, target: 99.95 }',
    );
    expect(api.getAvailability).not.toHaveBeenCalled();
  });

  it('says a period without incidents counts as 100 % available, and how incidents arrive', async () => {
    const api = mockServiceDeliveryApi({
      getAvailability: jest
        .fn()
        .mockResolvedValue({ ...availabilityResponse, incidents: [] }),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    await renderForEntity(<AvailabilityContent />, {
      entity: paymentsEntity,
      api,
    });
    await screen.findByRole('group', { name: 'Availability' });

    const guide = guideText('No incidents recorded in this period');
    expect(guide).toContain(
      'With none recorded for 2026-10, all of the agreed service time counts as available (100 %). That is right if nothing failed',
    );
    expect(guide).toContain(
      'curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/incidents"',
    );
    expect(guide).toContain('"entityRef": "component:default/payments-api"');
    // the last whole hour before the end of what is measured, 20 Oct 2026 09:00 UTC
    expect(guide).toContain('"startedAt": "2026-10-20T08:00:00.000Z"');
    expect(screen.queryByRole('table', { name: 'Outages' })).toBeNull();
  });
});
