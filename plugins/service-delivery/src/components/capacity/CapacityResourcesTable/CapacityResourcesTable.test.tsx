import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { capacityResponse } from '../../../__testUtils__/costFixtures';
import { CapacityResourcesTable } from './CapacityResourcesTable';

describe('CapacityResourcesTable', () => {
  it('says when a crossing dated now comes from the trend, not from a sample', async () => {
    const [cpu] = capacityResponse.resources;
    await renderInTestApp(
      <CapacityResourcesTable
        timezone="UTC"
        resources={[
          {
            ...cpu,
            // the line is above the warning level, the latest sample below it
            warningAt: cpu.lastSampleAt,
            daysToWarning: 0,
          },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Capacity resources' });
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row).getAllByRole('cell');
    const warning = cells[cells.length - 3];
    expect(warning).toHaveTextContent('15 May 2026');
    expect(within(warning).getByText('now, by the trend')).toBeInTheDocument();
    expect(
      within(cells[cells.length - 2]).getByText('in 110 days'),
    ).toBeInTheDocument();
  });
});
