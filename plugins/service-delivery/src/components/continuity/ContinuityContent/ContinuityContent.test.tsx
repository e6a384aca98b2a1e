import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import {
  apiEntity,
  continuityResponse,
  messageBusEntity,
  messageBusImpact,
  webBankingEntity,
} from '../../../__testUtils__/continuityFixtures';
import { entityResponse } from '../../../__testUtils__/fixtures';
import {
  guideText,
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { ContinuityContent } from './ContinuityContent';

// the whole tab renders in each test, which jsdom takes a while over
jest.setTimeout(30_000);

function tile(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

function declaredApi() {
  return mockServiceDeliveryApi({
    getContinuity: jest.fn().mockResolvedValue(continuityResponse),
    getImpact: jest.fn().mockResolvedValue(messageBusImpact),
    getEntity: jest.fn().mockResolvedValue({ ...entityResponse, problems: [] }),
  });
}

describe('ContinuityContent', () => {
  it('shows the objectives against the tier policy, and the headline figures', async () => {
    const api = declaredApi();
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api,
    });
    await screen.findByRole('group', { name: 'RTO' });
    expect(api.getContinuity).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'web-banking',
    });

    expect(tile('Tier').getByText('tier-1')).toBeInTheDocument();
    expect(tile('Tier').getByText('availability 99.95%')).toBeInTheDocument();
    expect(tile('RTO').getByText('1h')).toBeInTheDocument();
    expect(tile('RPO').getByText('15m')).toBeInTheDocument();
    expect(
      tile('Expected annual loss').getByText('€120,000'),
    ).toBeInTheDocument();
    expect(
      tile('Expected annual loss').getByText('at 99.9886% measured'),
    ).toBeInTheDocument();

    const objectives = within(
      screen.getByRole('table', { name: 'Recovery objectives' }),
    );
    const testEvery = within(
      objectives.getByText('Test every').closest('tr') as HTMLElement,
    );
    // not declared: the tier's 180 days apply
    expect(testEvery.getAllByText('180d')).toHaveLength(2);
    expect(testEvery.getByText('from the tier')).toBeInTheDocument();
    const rto = within(
      objectives.getByText('RTO').closest('tr') as HTMLElement,
    );
    expect(rto.getByText('Within policy')).toBeInTheDocument();
  });

  it('warns that the DR test is overdue, with the date it fell due', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    expect(
      await screen.findByText('The DR test is overdue'),
    ).toBeInTheDocument();
    expect(screen.getByText(/It fell due on 12 Nov 2026/)).toBeInTheDocument();
  });

  it('lists the checks failures first, with links to the entities concerned', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    const checks = within(
      await screen.findByRole('list', { name: 'Continuity checks' }),
    );
    const items = checks.getAllByRole('listitem');
    expect(items.map(item => item.getAttribute('data-status'))).toEqual([
      'fail',
      'fail',
      'warn',
      'pass',
    ]);
    expect(
      within(items[1]).getByRole('link', { name: 'customer-profile' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 to look at', { exact: false }),
    ).toBeInTheDocument();
  });

  it('shows the DR test history with achieved figures against the targets', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    expect(await screen.findByText('DR test history')).toBeInTheDocument();
    expect(screen.getByText('Achieved RTO (target 1h)')).toBeInTheDocument();
    const failedRow = within(
      screen.getByText('dr-runbook/DR-2025-11').closest('tr') as HTMLElement,
    );
    expect(failedRow.getByText('Failed')).toBeInTheDocument();
    expect(failedRow.getByText('2h')).toBeInTheDocument();
    expect(
      failedRow.getByText('✗ over target', { exact: false }),
    ).toBeInTheDocument();
  });

  it('shows strategy, plan, sites and business impact', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    expect(await screen.findByText('Hot standby')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the recovery plan/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/dr/web-banking');
    expect(screen.getByText('eu-central-1')).toBeInTheDocument();
    expect(
      screen.getByText('Customers cannot bank online.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/availability measured over the past year/),
    ).toBeInTheDocument();
  });

  it('says the money is hidden when the caller may not read the cost', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: mockServiceDeliveryApi({
        getContinuity: jest.fn().mockResolvedValue({
          ...continuityResponse,
          businessImpact: null,
          expectedAnnualLoss: null,
          costHidden: true,
        }),
        getImpact: jest.fn().mockResolvedValue(messageBusImpact),
        getEntity: jest
          .fn()
          .mockResolvedValue({ ...entityResponse, problems: [] }),
      }),
    });
    await screen.findByRole('group', { name: 'RTO' });
    expect(
      tile('Expected annual loss').getByText('Hidden'),
    ).toBeInTheDocument();
    expect(
      tile('Expected annual loss').getByText('needs the cost permission'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        'Hidden: reading it needs the cost permission for this service',
      ),
    ).toHaveLength(2);
    expect(screen.queryByText(/Declare businessImpact/)).toBeNull();
  });

  it('places each risk in its likelihood × impact cell', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    const grid = within(
      await screen.findByRole('table', { name: 'Likelihood by impact' }),
    );
    expect(
      within(grid.getByLabelText('Medium likelihood, high impact')).getByText(
        'credential-stuffing',
      ),
    ).toBeInTheDocument();
    expect(
      within(grid.getByLabelText('Low likelihood, medium impact')).getByText(
        'cdn-outage',
      ),
    ).toBeInTheDocument();
    const register = within(screen.getByRole('table', { name: 'Risks' }));
    expect(register.getByText('6 (high)')).toBeInTheDocument();
  });

  it('names the inversions with links, and the path through the graph', async () => {
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api: declaredApi(),
    });
    const inversions = within(
      await screen.findByRole('table', { name: 'Continuity inversions' }),
    );
    const hsm = within(
      inversions
        .getByRole('link', { name: 'card-hsm' })
        .closest('tr') as HTMLElement,
    );
    expect(hsm.getByText('RTO 1d')).toBeInTheDocument();
    expect(hsm.getByRole('link', { name: 'payments-api' })).toBeInTheDocument();
    expect(
      hsm.getByRole('link', { name: 'card-authorisation' }),
    ).toBeInTheDocument();
    const profile = within(
      inversions
        .getByRole('link', { name: 'customer-profile' })
        .closest('tr') as HTMLElement,
    );
    expect(profile.getByText('tier-2')).toBeInTheDocument();
    expect(profile.getByText('direct')).toBeInTheDocument();
  });

  it('shows only the blast radius for a resource without continuity', async () => {
    const api = mockServiceDeliveryApi({
      getImpact: jest.fn().mockResolvedValue(messageBusImpact),
    });
    await renderForEntity(<ContinuityContent />, {
      entity: messageBusEntity,
      api,
    });
    expect(await screen.findByText('Blast radius')).toBeInTheDocument();
    expect(api.getContinuity).not.toHaveBeenCalled();
    expect(api.getImpact).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'message-bus',
    });
    expect(screen.getByText(/declares no continuity/)).toBeInTheDocument();
  });

  it('explains how to declare continuity on an entity that has no blast radius', async () => {
    const api = mockServiceDeliveryApi();
    await renderForEntity(<ContinuityContent />, { entity: apiEntity, api });
    expect(
      await screen.findByText('No continuity declared'),
    ).toBeInTheDocument();
    const guide = guideText('No continuity declared');
    expect(guide).toContain('spec.serviceDelivery');
    expect(guide).toContain(
      'businessImpact: { costPerHour: 120000, currency: EUR }',
    );
    expect(api.getImpact).not.toHaveBeenCalled();
  });

  it('shows the DR test to send when none is recorded', async () => {
    const api = declaredApi();
    api.getContinuity.mockResolvedValue({
      ...continuityResponse,
      drTests: [],
      lastTest: null,
    });
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api,
    });
    await screen.findByRole('group', { name: 'RTO' });

    const guide = guideText('No DR tests recorded');
    expect(guide).toContain(
      'curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/dr-tests"',
    );
    expect(guide).toContain('"entityRef": "component:default/web-banking"');
    expect(guide).toContain('"result": "passed"');
  });

  it('shows an error from the backend', async () => {
    const api = declaredApi();
    api.getContinuity.mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'Error', message: 'database down' },
          }),
          { status: 500, headers: { 'content-type': 'application/json' } },
        ) as any,
      ),
    );
    await renderForEntity(<ContinuityContent />, {
      entity: webBankingEntity,
      api,
    });
    expect(await screen.findAllByText(/database down/)).not.toHaveLength(0);
  });
});
