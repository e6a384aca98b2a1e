import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incidents, paymentsEntity } from '../../../__testUtils__/fixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { serviceDeliveryApiRef, ServiceDeliveryApi } from '../../../api';
import { SlaCorrectionsCard } from './SlaCorrectionsCard';

const listed = {
  id: 'COR-1',
  source: 'service-desk',
  entityRef: 'component:default/payments-api',
  agreement: 'retail-sla',
  incident: { source: 'pagerduty', id: 'INC-2041' },
  reason: 'customer-caused' as const,
  note: 'Retail banking throttled its own traffic',
  writtenBy: 'user:default/alice',
  writtenAt: '2026-10-07T09:00:00.000Z',
  appliedTo: ['retail-sla'],
};

/** A permission API answering every question of `service-delivery.data.write` with `result`. */
const permissions = (result: 'ALLOW' | 'DENY') => ({
  authorize: jest.fn().mockResolvedValue({ result }),
  authorizeConditional: jest.fn(),
});

async function render(
  api: ServiceDeliveryApi,
  result: 'ALLOW' | 'DENY',
  onChanged = jest.fn(),
) {
  const permissionApi = permissions(result);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceDeliveryApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={paymentsEntity}>
        <SlaCorrectionsCard
          corrections={[listed]}
          agreements={['retail-sla', 'wholesale-sla']}
          incidents={incidents}
          timezone="Europe/London"
          onChanged={onChanged}
        />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { permissionApi, onChanged };
}

/** Chooses `option` in the select labelled `label`. */
function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
}

describe('SlaCorrectionsCard', () => {
  it('lists each correction with what it excludes, for which agreement, why and who said so', async () => {
    await render(mockServiceDeliveryApi(), 'DENY');
    const row = within(
      screen
        .getByText('Incident INC-2041: Card authorisations time out')
        .closest('tr')!,
    );
    expect(row.getByText('retail-sla')).toBeInTheDocument();
    expect(row.getByText('Caused by the customer')).toBeInTheDocument();
    expect(
      row.getByText('Retail banking throttled its own traffic'),
    ).toBeInTheDocument();
    expect(row.getByText('user:default/alice')).toBeInTheDocument();
  });

  it('offers no Add or Remove to a user who may not write data for the entity', async () => {
    const { permissionApi } = await render(mockServiceDeliveryApi(), 'DENY');
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    expect(permissionApi.authorize).toHaveBeenCalledWith({
      permission: expect.objectContaining({
        name: 'service-delivery.data.write',
      }),
      resourceRef: 'component:default/payments-api',
    });
    expect(screen.queryByText('Add correction')).not.toBeInTheDocument();
    expect(screen.queryByText('Remove')).not.toBeInTheDocument();
  });

  it('opens its dialog from the keyboard with the focus on the first field, and gives the focus back when Escape closes it', async () => {
    const user = userEvent.setup();
    await render(mockServiceDeliveryApi(), 'ALLOW');
    const add = await screen.findByRole('button', { name: 'Add correction' });
    add.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Add an SLA correction',
    });
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: /Agreement/ }),
      ).toHaveFocus(),
    );
    // Tab stays within the open dialog (MUI's trap hands a focus leaving the last button to the
    // dialog's own container, from where the next Tab goes to the first field)
    const modal = dialog.closest('[role="presentation"]') as HTMLElement;
    for (let presses = 0; presses < 10; presses++) {
      await user.tab();
      expect(modal).toContainElement(document.activeElement as HTMLElement);
    }
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(add).toHaveFocus();
  });

  it('adds a correction of an incident for one agreement through the API, then reads the figures again', async () => {
    const api = mockServiceDeliveryApi({
      addCorrection: jest
        .fn()
        .mockResolvedValue({ accepted: 1, updated: 0, unchanged: 0 }),
    });
    const { onChanged } = await render(api, 'ALLOW');
    fireEvent.click(await screen.findByText('Add correction'));
    const dialog = within(await screen.findByRole('dialog'));
    choose('Agreement', 'wholesale-sla');
    choose('Incident', 'INC-2041: Card authorisations time out');
    choose('Reason', 'A supplier, under an underpinning contract');
    fireEvent.change(dialog.getByLabelText('Note for the customer'), {
      target: { value: 'The card network was down (UC-7)' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Add correction' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.addCorrection).toHaveBeenCalledWith({
      source: 'sla-tab',
      id: expect.stringMatching(/^correction-/),
      entityRef: 'component:default/payments-api',
      agreement: 'wholesale-sla',
      incident: { source: 'pagerduty', id: 'INC-2041' },
      reason: 'third-party-underpinning-contract',
      note: 'The card network was down (UC-7)',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('reads an excluded interval in the service’s time zone, whatever the browser’s', async () => {
    const api = mockServiceDeliveryApi({
      addCorrection: jest
        .fn()
        .mockResolvedValue({ accepted: 1, updated: 0, unchanged: 0 }),
    });
    const { onChanged } = await render(api, 'ALLOW');
    fireEvent.click(await screen.findByText('Add correction'));
    const dialog = within(await screen.findByRole('dialog'));
    choose('Exclude', 'An interval');
    // London in July is on BST (+01:00): 14:00 there is 13:00 UTC
    fireEvent.change(dialog.getByLabelText('From (Europe/London)'), {
      target: { value: '2026-07-01T14:00' },
    });
    fireEvent.change(dialog.getByLabelText('To (Europe/London)'), {
      target: { value: '2026-07-01T15:30' },
    });
    choose('Reason', 'Monitoring error');
    fireEvent.change(dialog.getByLabelText('Note for the customer'), {
      target: { value: 'The probes were down, not the service' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Add correction' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.addCorrection).toHaveBeenCalledWith(
      expect.objectContaining({
        from: '2026-07-01T13:00:00.000Z',
        to: '2026-07-01T14:30:00.000Z',
        reason: 'monitoring-error',
      }),
    );
  });

  it('keeps the dialog open and says what the backend refused', async () => {
    const api = mockServiceDeliveryApi({
      addCorrection: jest
        .fn()
        .mockRejectedValue(new Error('note must be a text of 1 to 2000')),
    });
    const { onChanged } = await render(api, 'ALLOW');
    fireEvent.click(await screen.findByText('Add correction'));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Add correction' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Not saved: note must be a text of 1 to 2000',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('removes a correction by its source and id', async () => {
    const api = mockServiceDeliveryApi({
      removeCorrection: jest.fn().mockResolvedValue(undefined),
    });
    const { onChanged } = await render(api, 'ALLOW');
    fireEvent.click(await screen.findByText('Remove'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.removeCorrection).toHaveBeenCalledWith(
      expect.objectContaining({ source: 'service-desk', id: 'COR-1' }),
    );
  });
});
