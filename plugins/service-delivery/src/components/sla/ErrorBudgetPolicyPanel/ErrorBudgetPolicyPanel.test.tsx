import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  AgreementPolicy,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { paymentsEntity, slaResponse } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { SlaContent } from '../SlaContent';
import { ErrorBudgetPolicyPanel } from './ErrorBudgetPolicyPanel';

const frozen =
  'retail-sla/availability has 12% of its error budget left, below the 25% of its policy: features are frozen';

const policy: AgreementPolicy = {
  state: 'features-frozen',
  period: '2026-11',
  steps: [
    {
      when: { budgetRemainingBelow: 25 },
      action: 'freeze-features',
      agreement: 'retail-sla',
      objective: 'availability',
      source: 'agreement',
      inForce: true,
      stops: ['feature'],
      reason: frozen,
    },
    {
      when: { burnRateAlert: 'page' },
      action: 'freeze-all',
      agreement: 'retail-sla',
      objective: 'availability',
      source: 'agreement',
      inForce: false,
      stops: ['feature', 'fix'],
    },
    {
      when: { status: 'breached' },
      action: 'review',
      agreement: 'retail-sla',
      objective: 'success-rate',
      source: 'objective',
      inForce: false,
      stops: [],
    },
  ],
};

describe('ErrorBudgetPolicyPanel', () => {
  it('shows the state and only the steps in force, with their reasons', async () => {
    await renderInTestApp(<ErrorBudgetPolicyPanel policy={policy} />);
    expect(
      screen.getByText('Features frozen').closest('[data-policy-state]'),
    ).toHaveAttribute('data-policy-state', 'features-frozen');
    expect(
      screen.getByText('3 steps over 2 objectives, evaluated for 2026-11.'),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Policy steps in force' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([frozen]);
  });

  it('says so when no step is in force', async () => {
    await renderInTestApp(
      <ErrorBudgetPolicyPanel
        policy={{
          state: 'normal',
          period: '2026-11',
          steps: policy.steps.slice(1),
        }}
      />,
    );
    expect(screen.getByText('Releases open')).toBeInTheDocument();
    expect(
      screen.getByText('No step of the policy is in force.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows a notice in force with releases open and its reason', async () => {
    const notice =
      'retail-sla/availability has 40% of its error budget left, below the 50% of its policy: the team is notified';
    await renderInTestApp(
      <ErrorBudgetPolicyPanel
        policy={{
          state: 'normal',
          period: '2026-11',
          steps: [
            {
              when: { budgetRemainingBelow: 50 },
              action: 'notify',
              agreement: 'retail-sla',
              objective: 'availability',
              source: 'agreement',
              inForce: true,
              stops: [],
              reason: notice,
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText('Releases open').closest('[data-policy-state]'),
    ).toHaveAttribute('data-policy-state', 'normal');
    const list = screen.getByRole('list', { name: 'Policy steps in force' });
    expect(within(list).getByRole('listitem').textContent).toBe(notice);
  });
});

describe('the error-budget policy on the SLA tab', () => {
  async function renderSla(response: SlaResponse) {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(response),
    });
    await renderForEntity(<SlaContent />, { entity: paymentsEntity, api });
    await screen.findByText('retail-sla');
  }

  it("shows the agreement's policy state and the steps in force", async () => {
    const [agreement] = slaResponse.agreements;
    await renderSla({
      ...slaResponse,
      agreements: [{ ...agreement, policy }],
    });
    expect(screen.getByText('Error-budget policy')).toBeInTheDocument();
    expect(screen.getByText('Features frozen')).toBeInTheDocument();
    expect(screen.getByText(frozen)).toBeInTheDocument();
  });

  it('shows nothing of a policy where none applies', async () => {
    await renderSla(slaResponse);
    expect(screen.queryByText('Error-budget policy')).toBeNull();
  });
});
