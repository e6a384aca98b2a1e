import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SortableTable } from './SortableTable';

type Disk = { name: string; size: number };

const disks: Disk[] = [
  { name: 'beta', size: 20 },
  { name: 'alpha', size: 30 },
  { name: 'gamma', size: 10 },
];

const names = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('SortableTable', () => {
  it('sorts by a column with Enter on its header and says so with aria-sort on that header alone', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <SortableTable<Disk>
        title="Disks"
        columns={[
          { title: 'Name', field: 'name' },
          { title: 'Size', field: 'size', type: 'numeric' },
        ]}
        data={disks.map(disk => ({ ...disk }))}
        options={{ paging: false, search: false, draggable: false }}
      />,
    );
    const nameHeader = screen.getByRole('columnheader', { name: 'Name' });
    const sizeHeader = screen.getByRole('columnheader', { name: 'Size' });
    expect(sizeHeader).not.toHaveAttribute('aria-sort');
    expect(names()).toEqual(['beta', 'alpha', 'gamma']);

    const sizeButton = () =>
      within(screen.getByRole('columnheader', { name: 'Size' })).getByRole(
        'button',
      );
    for (
      let presses = 0;
      presses < 30 && document.activeElement !== sizeButton();
      presses++
    ) {
      await user.tab();
    }
    expect(sizeButton()).toHaveFocus();

    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending'),
    );
    expect(names()).toEqual(['gamma', 'beta', 'alpha']);
    expect(nameHeader).not.toHaveAttribute('aria-sort');

    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(sizeHeader).toHaveAttribute('aria-sort', 'descending'),
    );
    expect(names()).toEqual(['alpha', 'beta', 'gamma']);

    // to another column (the table keeps the direction): the first one says nothing any more
    await user.tab({ shift: true });
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(nameHeader).toHaveAttribute('aria-sort', 'descending'),
    );
    expect(sizeHeader).not.toHaveAttribute('aria-sort');
    expect(names()).toEqual(['gamma', 'beta', 'alpha']);
  });
});
