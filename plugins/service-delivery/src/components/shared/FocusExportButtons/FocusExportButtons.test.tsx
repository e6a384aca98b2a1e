import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  checkoutEntity,
  costResponse,
} from '../../../__testUtils__/costFixtures';
import { entityResponse } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { CostContent } from '../../cost/CostContent';

jest.setTimeout(30_000);

describe('FocusExportButtons', () => {
  it('downloads the Cost tab months as FOCUS showback or chargeback CSV', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue(costResponse),
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
      getCostFocusCsv: jest.fn().mockResolvedValue('BillingPeriodStart\r\n'),
    });
    const createObjectURL = jest.fn(() => 'blob:focus');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });

    fireEvent.click(
      await screen.findByRole('button', { name: /FOCUS chargeback/ }),
    );
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(api.getCostFocusCsv).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { view: 'chargeback' },
    );
    fireEvent.click(screen.getByRole('button', { name: /FOCUS showback/ }));
    await waitFor(() =>
      expect(api.getCostFocusCsv).toHaveBeenLastCalledWith(
        { kind: 'Component', namespace: 'default', name: 'checkout' },
        { view: 'showback' },
      ),
    );
  });
});
