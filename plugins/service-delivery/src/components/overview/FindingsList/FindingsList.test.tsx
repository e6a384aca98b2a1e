import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { findingsResponse } from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { renderPage } from '../../../__testUtils__/renderPage';
import { FindingsList } from './FindingsList';

describe('FindingsList', () => {
  it('lists findings with their severity and a link to the tab that shows the fact', async () => {
    const api = mockServiceDeliveryApi({
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    await renderPage(<FindingsList filters={{ system: ['system:a/b'] }} />, {
      api,
    });
    const message = await screen.findByText(
      findingsResponse.findings[0].message,
    );
    expect(
      screen.getByText('2 to act on, most severe first'),
    ).toBeInTheDocument();
    expect(api.getFindings).toHaveBeenCalledWith({
      system: ['system:a/b'],
      severity: [],
      limit: 10,
    });
    const item = message.closest('li') as HTMLElement;
    expect(item.querySelector('[data-severity="critical"]')).not.toBeNull();
    expect(item.querySelector('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sla',
    );
  });

  it('narrows by severity and shows more on request', async () => {
    const api = mockServiceDeliveryApi({
      getFindings: jest
        .fn()
        .mockResolvedValue({ ...findingsResponse, total: 30 }),
    });
    await renderPage(<FindingsList filters={{}} />, { api });
    await screen.findByText(findingsResponse.findings[0].message);
    fireEvent.click(screen.getByText('high'));
    await waitFor(() =>
      expect(api.getFindings).toHaveBeenLastCalledWith({
        severity: ['high'],
        limit: 10,
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Show more (28 left)' }),
    );
    await waitFor(() =>
      expect(api.getFindings).toHaveBeenLastCalledWith({
        severity: ['high'],
        limit: 30,
      }),
    );
  });

  it('narrows by severity from the keyboard, each severity a toggle button that says whether it is on', async () => {
    const user = userEvent.setup();
    const api = mockServiceDeliveryApi({
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    await renderPage(<FindingsList filters={{}} />, { api });
    await screen.findByText(findingsResponse.findings[0].message);
    const high = screen.getByRole('button', { name: 'high' });
    expect(high).toHaveAttribute('aria-pressed', 'false');
    for (
      let presses = 0;
      presses < 10 && document.activeElement !== high;
      presses++
    ) {
      await user.tab();
    }
    expect(high).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(api.getFindings).toHaveBeenLastCalledWith({
        severity: ['high'],
        limit: 10,
      }),
    );
    expect(screen.getByRole('button', { name: 'high' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.keyboard(' ');
    // the unfiltered findings again: the answer of a moment ago is shown, not asked for anew
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'high' })).toHaveAttribute(
        'aria-pressed',
        'false',
      ),
    );
    expect(
      await screen.findByText(findingsResponse.findings[0].message),
    ).toBeInTheDocument();
  });

  it('says so when there is nothing to act on', async () => {
    const api = mockServiceDeliveryApi({
      getFindings: jest.fn().mockResolvedValue({ total: 0, findings: [] }),
    });
    await renderPage(<FindingsList filters={{}} />, { api });
    expect(
      await screen.findByText('Nothing to act on for these services.'),
    ).toBeInTheDocument();
  });
});
