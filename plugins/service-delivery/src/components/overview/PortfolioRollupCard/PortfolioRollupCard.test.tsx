import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PortfolioRollup } from '@service-delivery/plugin-service-delivery-common';
import { overviewResponse } from '../../../__testUtils__/overviewFixtures';
import { PortfolioRollupCard } from './PortfolioRollupCard';

const tile = (label: string) =>
  within(screen.getByRole('group', { name: label }));

describe('PortfolioRollupCard', () => {
  it('names the worst service of each discipline, with how many share its status', async () => {
    await renderInTestApp(
      <PortfolioRollupCard rollup={overviewResponse.rollup} />,
    );
    const serviceLevel = tile('Worst service level');
    expect(serviceLevel.getByText('payments-api')).toBeInTheDocument();
    expect(serviceLevel.getByText('and 1 more')).toBeInTheDocument();
    expect(tile('Worst capacity').getByText('payments-db')).toBeInTheDocument();
    expect(
      tile('Worst continuity').getByText('payments-api'),
    ).toBeInTheDocument();
    // headers stay whole words
    expect(screen.getByRole('columnheader', { name: 'Services' })).toHaveStyle({
      whiteSpace: 'nowrap',
    });
  });

  it('says none when every service is fine, and of how many', async () => {
    const healthy: PortfolioRollup = {
      ...overviewResponse.rollup,
      status: 'met',
      serviceLevel: { status: 'met', entityRef: null, count: 5 },
      capacity: { status: 'ok', entityRef: null, count: 2 },
      continuity: { status: 'pass', entityRef: null, count: 1 },
    };
    await renderInTestApp(<PortfolioRollupCard rollup={healthy} />);
    expect(tile('Worst service level').getByText('none')).toBeInTheDocument();
    expect(
      tile('Worst service level').getByText('5 of 5 services'),
    ).toBeInTheDocument();
    expect(tile('Worst capacity').getByText('none')).toBeInTheDocument();
    expect(
      tile('Worst capacity').getByText('2 of 5 services'),
    ).toBeInTheDocument();
    expect(tile('Worst continuity').getByText('none')).toBeInTheDocument();
  });
});
