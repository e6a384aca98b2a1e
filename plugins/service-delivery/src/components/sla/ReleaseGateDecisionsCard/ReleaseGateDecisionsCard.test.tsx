import { screen, within } from '@testing-library/react';
import { paymentsEntity } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { ReleaseGateDecisionsCard } from './ReleaseGateDecisionsCard';

const frozen =
  'retail-sla/availability has 16.67% of its error budget left, below the 25% of its policy: features are frozen';

describe('ReleaseGateDecisionsCard', () => {
  it('lists who asked to release what, the answer and why, in the entity’s zone', async () => {
    const api = mockServiceDeliveryApi({
      getGateDecisions: jest.fn().mockResolvedValue({
        decisions: [
          {
            entityRef: 'component:default/payments-api',
            change: 'fix',
            allow: true,
            reasons: [`${frozen} (fixes are exempt)`],
            requestedBy: 'user:default/jane',
            evaluatedAt: '2026-11-23T12:05:00.000Z',
          },
          {
            entityRef: 'component:default/payments-api',
            change: 'feature',
            allow: false,
            reasons: [frozen],
            requestedBy: 'service:ci-pipeline',
            evaluatedAt: '2026-11-23T12:00:00.000Z',
          },
        ],
      }),
    });
    await renderForEntity(
      <ReleaseGateDecisionsCard timezone="Europe/Berlin" />,
      {
        entity: paymentsEntity,
        api,
      },
    );
    expect(
      await screen.findByText('Release gate decisions'),
    ).toBeInTheDocument();
    expect(api.getGateDecisions).toHaveBeenCalledWith(
      expect.objectContaining({ name: paymentsEntity.metadata.name }),
      { limit: 20 },
    );
    const denied = within(
      screen.getByText('Denied').closest('tr') as HTMLElement,
    );
    expect(denied.getByText('feature')).toBeInTheDocument();
    expect(denied.getByText(frozen)).toBeInTheDocument();
    expect(denied.getByText('service:ci-pipeline')).toBeInTheDocument();
    // 12:00 UTC is 13:00 in Berlin in November
    expect(denied.getByText(/13:00/)).toBeInTheDocument();
    const allowed = within(
      screen.getByText('Allowed').closest('tr') as HTMLElement,
    );
    expect(
      allowed.getByText(`${frozen} (fixes are exempt)`),
    ).toBeInTheDocument();
    expect(allowed.getByRole('link', { name: 'jane' })).toBeInTheDocument();
  });

  it('says how to ask the gate when nothing has yet', async () => {
    const api = mockServiceDeliveryApi();
    await renderForEntity(<ReleaseGateDecisionsCard timezone="UTC" />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText(/No release has asked the gate yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `service-delivery-gate --change feature component:default/${paymentsEntity.metadata.name}`,
      ),
    ).toBeInTheDocument();
  });
});
