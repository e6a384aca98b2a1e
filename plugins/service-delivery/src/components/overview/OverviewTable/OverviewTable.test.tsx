import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ledgerRow,
  paymentsApiRow,
} from '../../../__testUtils__/overviewFixtures';
import { formatShare } from '../../../format';
import { OverviewTable, OverviewTableProps } from './OverviewTable';

async function render(props: Partial<OverviewTableProps> = {}) {
  const onSort = jest.fn();
  await renderInTestApp(
    <OverviewTable
      rows={[paymentsApiRow, ledgerRow]}
      total={2}
      page={0}
      pageSize={25}
      sort="name"
      order="asc"
      costVisible
      onSort={onSort}
      onPage={jest.fn()}
      {...props}
    />,
  );
  return { onSort };
}

/** Presses Tab until `element` has the focus (at most 60 times). */
async function tabTo(
  user: ReturnType<typeof userEvent.setup>,
  element: Element,
) {
  for (
    let presses = 0;
    presses < 60 && document.activeElement !== element;
    presses++
  ) {
    await user.tab();
  }
  expect(element).toHaveFocus();
}

describe('OverviewTable', () => {
  it('says which column it is sorted by, and sorts by another with Enter on its header', async () => {
    const user = userEvent.setup();
    const { onSort } = await render({ sort: 'name', order: 'desc' });
    const table = within(screen.getByRole('table', { name: 'Services' }));
    expect(
      table.getByRole('columnheader', { name: /Service/ }),
    ).toHaveAttribute('aria-sort', 'descending');
    expect(
      table.getByRole('columnheader', { name: /Availability/ }),
    ).not.toHaveAttribute('aria-sort');

    await tabTo(user, table.getByRole('button', { name: /Availability/ }));
    await user.keyboard('{Enter}');
    expect(onSort).toHaveBeenLastCalledWith('availability', 'asc');

    await tabTo(user, table.getByRole('button', { name: /Service/ }));
    await user.keyboard(' ');
    expect(onSort).toHaveBeenLastCalledWith('name', 'asc');
  });

  it('names each service with a link to it that the keyboard reaches', async () => {
    const user = userEvent.setup();
    await render();
    const link = screen.getByRole('link', { name: 'Payments API' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    await tabTo(user, link);
  });

  it("shows a system whose budget holds its parts' with their cost, and a part with its own", async () => {
    const systemRow = {
      ...ledgerRow,
      entityRef: 'system:default/payments',
      kind: 'System',
      name: 'payments',
      system: 'system:default/payments',
      links: { cost: '/catalog/default/system/payments/cost' },
      cost: {
        ...paymentsApiRow.cost!,
        actual: null,
        budget: 5000,
        variance: null,
        withParts: {
          actual: 1150,
          budget: 5000,
          variance: -3850,
          parts: 1,
          lastMonth: null,
        },
      },
    };
    await render({ rows: [paymentsApiRow, systemRow], total: 2 });
    const table = within(screen.getByRole('table', { name: 'Services' }));
    const [, part, system] = table.getAllByRole('row');
    expect(within(part).getByText('of €1,000')).toBeInTheDocument();
    expect(
      within(system).getByRole('link', { name: /€1,150/ }),
    ).toHaveAttribute('href', '/catalog/default/system/payments/cost');
    expect(
      within(system).getByText('with its 1 part, of €5,000'),
    ).toBeInTheDocument();
  });

  it('lets the keyboard reach the error budget left, which says what objective it is of', async () => {
    const user = userEvent.setup();
    await render();
    const figure = screen.getByText(formatShare(-0.3889));
    await tabTo(user, figure);
    expect(figure).toHaveAccessibleDescription('retail-sla/availability');
  });
});
