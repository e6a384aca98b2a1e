import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, within } from '@testing-library/react';
import {
  checkoutEntity,
  costResponse,
} from '../../../__testUtils__/costFixtures';
import {
  entityResponse,
  paymentsEntity,
} from '../../../__testUtils__/fixtures';
import {
  guideText,
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { CostContent } from './CostContent';

// Rendering a tab with its charts and menus takes seconds on a busy machine.
jest.setTimeout(30_000);

const noProblems = { ...entityResponse, problems: [] };

function tile(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

function row(table: string, text: string) {
  const cell = within(screen.getByRole('table', { name: table })).getByText(
    text,
  );
  return within(cell.closest('tr') as HTMLElement);
}

describe('CostContent', () => {
  it('shows the months against budget, the forecast, unit and fully loaded cost', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue(costResponse),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });

    await screen.findByRole('group', { name: 'Months shown' });
    expect(api.getCost).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      {},
    );
    expect(tile('Months shown').getByText('€49,592')).toBeInTheDocument();
    expect(
      tile('Months shown').getByText('budget €120,000 · €70,408 under budget'),
    ).toBeInTheDocument();
    expect(tile('Last month').getByText('€12,092')).toBeInTheDocument();
    expect(
      tile('Last month').getByText('2026-04 · €2,092 over budget'),
    ).toBeInTheDocument();
    expect(tile('Year-end forecast').getByText('€127,504')).toBeInTheDocument();
    expect(
      tile('Year-end forecast').getByText(
        '2026 budget €120,000 · €7,504 over budget',
      ),
    ).toBeInTheDocument();
    expect(tile('Unit cost').getByText('€0.01')).toBeInTheDocument();
    expect(
      tile('Unit cost').getByText('per payment in 2026-04'),
    ).toBeInTheDocument();
    expect(tile('Fully loaded').getByText('€51,092')).toBeInTheDocument();

    const retail = row('Chargeback', 'retail-banking');
    expect(retail.getByText('60%')).toBeInTheDocument();
    expect(retail.getByText('€29,755.21')).toBeInTheDocument();
    expect(retail.getByText('€7,255.20')).toBeInTheDocument();

    const cluster = row('Fully loaded cost', 'cluster');
    expect(cluster.getByText('€3,000.00')).toBeInTheDocument();
    expect(cluster.getByText('50%')).toBeInTheDocument();
    expect(cluster.getByText('€1,500.00')).toBeInTheDocument();
    expect(
      row('Fully loaded cost', 'Fully loaded').getByText('€51,092.01'),
    ).toBeInTheDocument();
  });

  it('gives the share of the platforms whose cost the caller may not read a row, so that the rows add up to the total', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue({
        ...costResponse,
        fullyLoaded: {
          own: 49592.01,
          shared: 2250,
          total: 51842.01,
          dependencies: costResponse.fullyLoaded!.dependencies,
          cycles: [],
          unlisted: { platforms: 2, amount: 750 },
        },
      }),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });

    await screen.findByRole('table', { name: 'Fully loaded cost' });
    const unlisted = row('Fully loaded cost', '2 other platforms');
    expect(
      unlisted.getByText('whose cost you may not read'),
    ).toBeInTheDocument();
    expect(unlisted.getByText('€750.00')).toBeInTheDocument();
    expect(
      row('Fully loaded cost', 'Fully loaded').getByText('€51,842.01'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No dependency with a recorded cost.'),
    ).toBeNull();
  });

  it("says which parts' budgets a system's budget holds, not counted again", async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue({
        ...costResponse,
        fullyLoaded: null,
        rollUp: {
          level: 'owner',
          parts: [
            { entityRef: 'system:default/shop', total: 0, budget: 5000 },
            {
              entityRef: 'component:default/basket',
              total: 700,
              budget: 500,
              budgetHeldBy: 'system:default/shop',
            },
          ],
        },
      }),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });

    await screen.findByRole('table', { name: 'Parts' });
    expect(
      row('Parts', 'basket').getByText("within shop's budget"),
    ).toBeInTheDocument();
    expect(row('Parts', 'shop').queryByText(/within/)).toBeNull();
  });

  it('says plainly that reading cost needs a permission when the API answers 403', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'Reading cost data needs the service-delivery.cost.read permission',
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ),
    );
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockRejectedValue(forbidden),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });
    expect(
      await screen.findByText(
        "You don't have permission to read cost data (service-delivery.cost.read)",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/NotAllowedError/)).toBeNull();
  });

  it('shows any other failure as an error', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockRejectedValue(new Error('backend unreachable')),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });
    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/permission to read cost/)).toBeNull();
  });

  it('asks for other months when another range is chosen', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue(costResponse),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });
    await screen.findByRole('group', { name: 'Months shown' });
    fireEvent.mouseDown(screen.getByRole('button', { name: /Last 12 months/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 24 months' }),
    );
    await screen.findByRole('group', { name: 'Months shown' });
    expect(api.getCost).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout' },
      { months: 24 },
    );
  });

  it('explains how to declare cost when the entity declares none', async () => {
    const api = mockServiceDeliveryApi({
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: paymentsEntity, api });
    expect(await screen.findByText('No cost declared')).toBeInTheDocument();
    const guide = guideText('No cost declared');
    expect(guide).toContain('spec.serviceDelivery');
    expect(guide).toContain('chargeback:');
    expect(guide).toContain('costCenter: CC-4711');
    expect(api.getCost).not.toHaveBeenCalled();
  });

  it('shows the cost line to send when cost is declared but none has arrived', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue({
        ...costResponse,
        categories: [],
        months: costResponse.months.map(m => ({
          ...m,
          total: null,
          byCategory: {},
          variance: null,
          unitCost: null,
        })),
        total: 0,
      }),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });
    await screen.findByRole('group', { name: 'Months shown' });

    const guide = guideText('No cost lines for Jun 2025 – May 2026');
    expect(guide).toContain('service-delivery-import-costs');
    expect(guide).toContain(
      'curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/costs"',
    );
    expect(guide).toContain('"entityRef": "component:default/checkout"');
    expect(guide).toContain('"periodStart": "2026-05"');
    expect(guide).toContain('"currency": "EUR"');
  });

  it('shows no guide while cost lines have arrived', async () => {
    const api = mockServiceDeliveryApi({
      getCost: jest.fn().mockResolvedValue(costResponse),
      getEntity: jest.fn().mockResolvedValue(noProblems),
    });
    await renderForEntity(<CostContent />, { entity: checkoutEntity, api });
    await screen.findByRole('group', { name: 'Months shown' });
    expect(screen.queryByText(/No cost lines/)).toBeNull();
  });
});
