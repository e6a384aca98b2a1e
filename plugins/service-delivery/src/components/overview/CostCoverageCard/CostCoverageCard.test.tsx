import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { serviceDeliveryApiRef } from '../../../api';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { CostCoverageCard } from './CostCoverageCard';

const coverage = {
  currency: 'EUR',
  allocated: 1150,
  shared: 250,
  unattributed: 100,
  total: 1500,
  shares: { allocated: 76.67, shared: 16.67, unattributed: 6.66 },
  counts: { allocated: 1, shared: 1, unattributedLines: 1 },
};

const line = {
  source: 'finance-csv',
  id: 'component:default/paymnts-api#2026-11#usage',
  entityRef: 'component:default/paymnts-api',
  periodStart: '2026-11',
  category: 'usage',
  amount: 100,
  currency: 'EUR',
  origin: { file: 'finance-2026-11.csv', lines: [7, 9] },
  writtenBy: 'service:external:finance-import',
  writtenAt: '2026-11-02T09:00:00.000Z',
};

// The lines' table is a module of its own (material-table), loaded when first shown: its first
// load in a test process can take seconds.
const findLinesTable = () =>
  screen.findByText('finance-2026-11.csv:7,9', undefined, { timeout: 15_000 });

describe('CostCoverageCard', () => {
  it('shows the shares the backend computed and lists the unattributed lines with where they came from', async () => {
    const api = mockServiceDeliveryApi({
      getCostCoverage: jest.fn().mockResolvedValue({
        month: '2026-11',
        scope: 'organisation',
        coverage: [coverage],
        unattributed: [{ currency: 'EUR', amount: 100, lines: 1 }],
        unattributedLines: [line],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[serviceDeliveryApiRef, api]]}>
        <CostCoverageCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Cost-attribution coverage'),
    ).toBeInTheDocument();
    expect(screen.getByText(/76\.67 %/)).toBeInTheDocument();
    expect(screen.getByText(/16\.67 %/)).toBeInTheDocument();
    expect(screen.getByText(/6\.66 %/)).toBeInTheDocument();
    expect(await findLinesTable()).toBeInTheDocument();
    expect(
      screen.getByText('component:default/paymnts-api'),
    ).toBeInTheDocument();
    // the lines came with the coverage: no second request after it
    expect(api.getUnattributedCosts).not.toHaveBeenCalled();
  });

  it('asks a backend whose coverage does not carry the lines for them', async () => {
    const api = mockServiceDeliveryApi({
      getCostCoverage: jest.fn().mockResolvedValue({
        month: '2026-11',
        scope: 'organisation',
        coverage: [coverage],
        unattributed: [{ currency: 'EUR', amount: 100, lines: 1 }],
      }),
      getUnattributedCosts: jest.fn().mockResolvedValue({
        month: '2026-11',
        totals: [{ currency: 'EUR', amount: 100, lines: 1 }],
        lines: [line],
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[serviceDeliveryApiRef, api]]}>
        <CostCoverageCard />
      </TestApiProvider>,
    );
    expect(await findLinesTable()).toBeInTheDocument();
    expect(api.getUnattributedCosts).toHaveBeenCalledWith('2026-11');
  });

  it('in a portfolio, says the organisation’s unattributed lines are not in its shares, and never asks for lines it may not read', async () => {
    const api = mockServiceDeliveryApi({
      getCostCoverage: jest.fn().mockResolvedValue({
        month: '2026-11',
        scope: 'filtered',
        coverage: [{ ...coverage, unattributed: 0, total: 1400 }],
        unattributed: null,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[serviceDeliveryApiRef, api]]}>
        <CostCoverageCard scope={{ owner: ['group:default/payments'] }} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Cost-attribution coverage'),
    ).toBeInTheDocument();
    expect(api.getCostCoverage).toHaveBeenCalledWith({
      owner: ['group:default/payments'],
    });
    expect(api.getUnattributedCosts).not.toHaveBeenCalled();
    expect(screen.queryByText('Unattributed cost lines')).toBeNull();
  });
});
