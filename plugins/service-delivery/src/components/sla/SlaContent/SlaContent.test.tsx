import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { paymentsEntity, slaResponse } from '../../../__testUtils__/fixtures';
import { serviceDeliveryApiRef } from '../../../api';
import {
  guideText,
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { SlaContent } from './SlaContent';

function objectiveRow(name: string): HTMLElement {
  const table = screen.getByRole('table', { name: 'Objectives' });
  const cell = within(table).getByText(name);
  return cell.closest('tr') as HTMLElement;
}

describe('SlaContent', () => {
  it('renders each objective with its status and error budget as a share and as time', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(slaResponse),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });

    expect(await screen.findByText('retail-sla')).toBeInTheDocument();
    expect(api.getSla).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      undefined,
    );

    const availability = within(objectiveRow('availability'));
    expect(availability.getByText('99.95%')).toBeInTheDocument();
    expect(availability.getByText('99.902%')).toBeInTheDocument();
    expect(availability.getByText('Breached')).toBeInTheDocument();
    // allowed 1,326.6 s, consumed 1,620 s (122.1 %), remaining −293.4 s (−22.1 %)
    expect(availability.getByText('22m 7s')).toBeInTheDocument();
    expect(availability.getByText('122.1%')).toBeInTheDocument();
    expect(availability.getByText('27m')).toBeInTheDocument();
    expect(availability.getByText('-22.1%')).toBeInTheDocument();
    expect(availability.getByText('-4m 53s')).toBeInTheDocument();
    expect(availability.getByText('1.96×')).toBeInTheDocument();
    expect(availability.getByText('Ticket: 3d/6h > 1×')).toBeInTheDocument();

    const successRate = within(objectiveRow('success-rate'));
    expect(successRate.getByText('Met')).toBeInTheDocument();
    expect(successRate.getByText('12,480 events')).toBeInTheDocument();
    expect(successRate.getByText('38%')).toBeInTheDocument();
    expect(successRate.getByText('4,742 events')).toBeInTheDocument();
    expect(successRate.getByText('62%')).toBeInTheDocument();
    expect(successRate.getByText('7,738 events')).toBeInTheDocument();
    expect(successRate.getByText('None')).toBeInTheDocument();
  });

  it('shows the agreement, its parties, support targets, incidents and metadata problems', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(slaResponse),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
    await screen.findByText('retail-sla');

    expect(screen.getByText('SLA')).toBeInTheDocument();
    expect(screen.getByText('1 Jan – 31 Dec 2026')).toBeInTheDocument();
    expect(screen.getByText('retail-banking')).toBeInTheDocument();
    expect(screen.getByText('Signed agreement').closest('a')).toHaveAttribute(
      'href',
      'https://example.com/slas/retail.pdf',
    );
    expect(
      screen.getByText('5% of the monthly fee per 0.1% below target'),
    ).toBeInTheDocument();

    const support = within(
      screen.getByRole('table', { name: 'Support targets' }),
    );
    const p2 = within(support.getByText('P2').closest('tr') as HTMLElement);
    expect(p2.getByText('1h')).toBeInTheDocument();
    expect(p2.getByText('1d')).toBeInTheDocument();
    expect(p2.getByText('75%')).toBeInTheDocument();
    expect(p2.getByText('3 of 4')).toBeInTheDocument();

    // below the agreements: in the frame after them
    expect(
      await screen.findByText('Incidents that consumed the budget'),
    ).toBeInTheDocument();
    const titles = screen
      .getAllByText(/Card authorisations time out|Payments API down/)
      .map(element => element.textContent);
    expect(titles).toEqual([
      'Card authorisations time out',
      'Payments API down after release 4.18',
    ]);

    expect(
      screen.getByText(
        'spec.serviceDelivery.agreements[0].support[1].resolution',
      ),
    ).toBeInTheDocument();
  });

  it("shows the period's days in the service's timezone, the last one included", async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(slaResponse),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
    expect(
      await screen.findByText(
        '2026-10: 1–31 Oct 2026 (Europe/London) · measured until 20 Oct 2026, 10:00 UTC+1',
      ),
    ).toBeInTheDocument();
  });

  it('shows a period in Pacific/Auckland on its own days, which are not those of UTC', async () => {
    const spec = paymentsEntity.spec as { serviceDelivery: object };
    const inAuckland = {
      ...paymentsEntity,
      spec: {
        ...spec,
        serviceDelivery: {
          ...spec.serviceDelivery,
          serviceHours: { timezone: 'Pacific/Auckland', schedule: '24x7' },
        },
      },
    };
    // October in NZ summer time (UTC+13), read on 20 Oct at 22:00 local time
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue({
        ...slaResponse,
        period: {
          label: '2026-10',
          start: '2026-09-30T11:00:00.000Z',
          end: '2026-10-31T11:00:00.000Z',
          measuredUntil: '2026-10-20T09:00:00.000Z',
          timezone: 'Pacific/Auckland',
        },
      }),
    });
    await renderForEntity(<SlaContent />, { entity: inAuckland, api });
    expect(
      await screen.findByText(
        '2026-10: 1–31 Oct 2026 (Pacific/Auckland) · measured until 20 Oct 2026, 22:00 UTC+13',
      ),
    ).toBeInTheDocument();
  });

  it('reads the period from the URL and puts a new choice back there', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(slaResponse),
    });
    await renderForEntity(<SlaContent />, {
      entity: paymentsEntity,
      api,
      routeEntries: ['/?period=rolling-28d'],
    });
    await screen.findByText('retail-sla');
    expect(api.getSla).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      'rolling-28d',
    );

    fireEvent.mouseDown(screen.getByRole('button', { name: /Last 28 days/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 30 days' }),
    );
    await screen.findByText('retail-sla');
    expect(api.getSla).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      'rolling-30d',
    );
  });

  it('explains how to declare agreements when there are none', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue({
        ...slaResponse,
        agreements: [],
        incidents: [],
        problems: [],
      }),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });

    expect(
      await screen.findByText('No agreements declared'),
    ).toBeInTheDocument();
    const guide = guideText('No agreements declared');
    expect(guide).toContain(
      "Declare it under spec.serviceDelivery in the entity's catalog-info.yaml",
    );
    expect(guide).toContain('agreements:');
    expect(guide).toContain('- name: retail-sla');
    expect(
      screen.getByRole('link', { name: /^Declaring service delivery/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md#declaring-service-delivery-specservicedelivery',
    );
    expect(screen.queryByRole('table', { name: 'Objectives' })).toBeNull();
  });

  describe('an agreement declared without data', () => {
    const withoutSli = {
      ...slaResponse,
      incidents: [],
      agreements: slaResponse.agreements.map(agreement => ({
        ...agreement,
        objectives: agreement.objectives.map(objective =>
          objective.kind === 'availability'
            ? objective
            : { ...objective, actual: null, status: 'no-data' as const },
        ),
      })),
    };

    it('shows the SLI bucket to send for each objective without data, for this entity', async () => {
      const api = mockServiceDeliveryApi({
        getSla: jest.fn().mockResolvedValue(withoutSli),
      });
      await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
      await screen.findByText('retail-sla');

      const guide = guideText('No SLI data for success-rate in 2026-10');
      expect(guide).toContain(
        'curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/sli"',
      );
      expect(guide).toContain('"entityRef": "component:default/payments-api"');
      expect(guide).toContain('"objective": "success-rate"');
      // the last whole hour before 20 Oct 2026 09:00 UTC, the end of what is measured
      expect(guide).toContain('"bucketStart": "2026-10-20T08:00:00.000Z"');
      // availability is measured from incidents, never from SLI buckets
      expect(guide).not.toContain('"objective": "availability"');
      expect(
        screen.getAllByRole('link', { name: /^The API: ingestion/ })[0],
      ).toHaveAttribute(
        'href',
        'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md#the-api',
      );
    });

    it('says no incidents may mean 100 % available, and how incidents arrive', async () => {
      const api = mockServiceDeliveryApi({
        getSla: jest.fn().mockResolvedValue(withoutSli),
      });
      await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
      await screen.findByRole('region', {
        name: 'No incidents recorded in this period',
      });

      const guide = guideText('No incidents recorded in this period');
      expect(guide).toContain('counts as available (100 %)');
      expect(guide).toContain('/api/service-delivery/v1/ingest/incidents');
      expect(guide).toContain('"entityRef": "component:default/payments-api"');
    });

    it('shows the Prometheus config for an objective that declares its PromQL', async () => {
      const declaresPromQl = JSON.parse(JSON.stringify(paymentsEntity));
      declaresPromQl.spec.serviceDelivery.agreements[0].objectives[1].prometheus =
        {
          good: 'sum(increase(http_requests_total{code!~"5.."}[$bucket]))',
          total: 'sum(increase(http_requests_total[$bucket]))',
        };
      const api = mockServiceDeliveryApi({
        getSla: jest.fn().mockResolvedValue(withoutSli),
      });
      await renderForEntity(<SlaContent />, { entity: declaresPromQl, api });
      await screen.findByText('retail-sla');

      const guide = guideText(
        'No SLI data from Prometheus for success-rate in 2026-10',
      );
      expect(guide).toContain('serviceDelivery.prometheus.baseUrl');
      expect(guide).toContain('baseUrl: http://prometheus.monitoring:9090');
      expect(guide).toContain('# success-rate declares:');
      expect(guide).toContain(
        'good: sum(increase(http_requests_total{code!~"5.."}[$bucket]))',
      );
      expect(
        screen.queryByRole('region', {
          name: 'No SLI data for success-rate in 2026-10',
        }),
      ).toBeNull();
    });
  });

  it('asks for the release gate decisions without waiting for the figures', async () => {
    let answer: (value: typeof slaResponse) => void = () => {};
    const api = mockServiceDeliveryApi({
      getSla: jest.fn(
        () =>
          new Promise<typeof slaResponse>(resolve => {
            answer = resolve;
          }),
      ),
      getGateDecisions: jest.fn().mockResolvedValue({ decisions: [] }),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
    // the figures have not come yet; the decisions were asked for all the same
    expect(api.getGateDecisions).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('retail-sla')).not.toBeInTheDocument();
    answer(slaResponse);
    expect(await screen.findByText('retail-sla')).toBeInTheDocument();
    expect(
      await screen.findByText('No release has asked the gate yet.', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(api.getGateDecisions).toHaveBeenCalledTimes(1);
  });

  describe('the first view', () => {
    // the browser's frames, run only when the test says a frame is painted
    let frames: FrameRequestCallback[] = [];
    beforeEach(() => {
      frames = [];
      jest
        .spyOn(window, 'requestAnimationFrame')
        .mockImplementation(callback => frames.push(callback));
    });
    afterEach(() => jest.restoreAllMocks());

    const paintFrames = async () => {
      await act(async () => {
        for (const frame of frames.splice(0)) frame(0);
        // the work a frame queues for after it is painted
        await new Promise(resolve => setTimeout(resolve, 0));
      });
    };

    it('shows the agreements as soon as the figures come, and the incidents, corrections and gate decisions once they are painted', async () => {
      const api = mockServiceDeliveryApi({
        getSla: jest.fn().mockResolvedValue(slaResponse),
        getGateDecisions: jest.fn().mockResolvedValue({ decisions: [] }),
      });
      await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });

      expect(await screen.findByText('retail-sla')).toBeInTheDocument();
      expect(
        screen.getByRole('table', { name: 'Objectives' }),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('Incidents that consumed the budget'),
      ).toBeNull();
      expect(screen.queryByText('SLA corrections')).toBeNull();
      expect(screen.queryByText('Release gate decisions')).toBeNull();
      // nothing on the page is still loading: the first view is complete
      expect(screen.queryByRole('progressbar')).toBeNull();

      await paintFrames();
      expect(
        await screen.findByText('Incidents that consumed the budget'),
      ).toBeInTheDocument();
      expect(screen.getByText('SLA corrections')).toBeInTheDocument();
      expect(screen.getByText('Release gate decisions')).toBeInTheDocument();
    });

    it('asks whether the user may add corrections beside the figures, and shows the button with the corrections', async () => {
      let answer: (value: typeof slaResponse) => void = () => {};
      const api = mockServiceDeliveryApi({
        getSla: jest.fn(
          () =>
            new Promise<typeof slaResponse>(resolve => {
              answer = resolve;
            }),
        ),
      });
      const permissionApi = {
        authorize: jest.fn().mockResolvedValue({ result: 'ALLOW' }),
        authorizeConditional: jest.fn(),
      };
      await renderInTestApp(
        <TestApiProvider
          apis={[
            [serviceDeliveryApiRef, api],
            [permissionApiRef, permissionApi],
          ]}
        >
          <EntityProvider entity={paymentsEntity}>
            <SlaContent />
          </EntityProvider>
        </TestApiProvider>,
        {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      // the figures have not come yet; the permission was asked for all the same
      expect(permissionApi.authorize).toHaveBeenCalledTimes(1);
      expect(permissionApi.authorize).toHaveBeenCalledWith({
        permission: expect.objectContaining({
          name: 'service-delivery.data.write',
        }),
        resourceRef: 'component:default/payments-api',
      });
      answer(slaResponse);
      await screen.findByText('retail-sla');
      await paintFrames();
      expect(
        await screen.findByRole('button', { name: 'Add correction' }),
      ).toBeInTheDocument();
      // the card did not ask again
      expect(permissionApi.authorize).toHaveBeenCalledTimes(1);
    });
  });

  it('shows the error when the backend fails', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockRejectedValue(new Error('backend unavailable')),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
    expect(
      await screen.findByText('Error: backend unavailable'),
    ).toBeInTheDocument();
  });
});
