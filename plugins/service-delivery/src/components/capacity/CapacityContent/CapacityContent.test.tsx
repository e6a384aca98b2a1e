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
    expect(api.getCapacity).not.toHaveBeenCalled();
  });
});
