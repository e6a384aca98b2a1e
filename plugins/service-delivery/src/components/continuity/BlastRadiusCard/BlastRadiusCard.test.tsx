import { screen, within } from '@testing-library/react';
import {
  messageBusImpact,
  redundantDbImpact,
} from '../../../__testUtils__/continuityFixtures';
import { paymentsEntity } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { BlastRadiusCard } from './BlastRadiusCard';

const ref = { kind: 'Resource', namespace: 'default', name: 'message-bus' };

describe('BlastRadiusCard', () => {
  it('says what fails, lists it with links and draws it as a tree', async () => {
    const api = mockServiceDeliveryApi({
      getImpact: jest.fn().mockResolvedValue(messageBusImpact),
    });
    await renderForEntity(<BlastRadiusCard entityRef={ref} timezone="UTC" />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText(
        'If message-bus fails, 4 entities fail with it: 3 components, 1 system.',
      ),
    ).toBeInTheDocument();

    expect(screen.getByText('A single point of failure')).toBeInTheDocument();

    const table = within(
      screen
        .getByText('What fails with it')
        .closest('div[class*="MuiPaper"]') as HTMLElement,
    );
    const web = within(
      table
        .getAllByRole('link', { name: 'web-banking' })[0]
        .closest('tr') as HTMLElement,
    );
    expect(
      web.getByText('message-bus → payments-api → web-banking'),
    ).toBeInTheDocument();
    expect(web.getByText('depends on it')).toBeInTheDocument();

    const drawing = screen.getByRole('img', {
      name: 'What fails with message-bus',
    });
    const nodes = Array.from(drawing.querySelectorAll('g[data-ref]')).map(g =>
      g.getAttribute('data-ref'),
    );
    // the entity first, each failing entity under the one that brought it down, most critical first
    expect(nodes).toEqual([
      'resource:default/message-bus',
      'component:default/payments-api',
      'component:default/web-banking',
      'system:default/payments-processing',
      'component:default/notifications-service',
    ]);
    expect(drawing.textContent).toContain('Payments API');
  });

  it('says nothing fails and who survives on an alternative', async () => {
    const api = mockServiceDeliveryApi({
      getImpact: jest.fn().mockResolvedValue(redundantDbImpact),
    });
    await renderForEntity(<BlastRadiusCard entityRef={ref} timezone="UTC" />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText('Nothing fails with payments-db-eu.'),
    ).toBeInTheDocument();
    const survivors = within(
      screen.getByRole('list', { name: 'Survives on redundancy' }),
    );
    expect(
      survivors.getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(
      survivors.getByRole('link', { name: 'payments-db-us' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByText('A single point of failure')).toBeNull();
  });

  it('shows an error', async () => {
    const api = mockServiceDeliveryApi({
      getImpact: jest.fn().mockRejectedValue(new Error('catalog unavailable')),
    });
    await renderForEntity(<BlastRadiusCard entityRef={ref} timezone="UTC" />, {
      entity: paymentsEntity,
      api,
    });
    expect(
      await screen.findByText(/Could not work out what fails with this entity/),
    ).toBeInTheDocument();
  });
});
