import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { KpiTileRow } from './KpiTileRow';

const tiles = [
  { label: 'Downtime', value: '1h 30m' },
  { label: 'Failures', value: '3', caption: 'within service time' },
  { label: 'Availability', value: '99.5 %', status: 'at-risk' as const },
];

describe('KpiTileRow', () => {
  it('shows every tile in order, each a group named by its label', async () => {
    await renderInTestApp(<KpiTileRow tiles={tiles} />);
    const groups = screen.getAllByRole('group');
    expect(groups.map(group => group.getAttribute('aria-label'))).toEqual([
      'Downtime',
      'Failures',
      'Availability',
    ]);
    expect(groups[1]).toHaveTextContent('Failures3within service time');
    expect(groups[2]).toHaveTextContent('At risk');
  });

  it('puts all tiles in one row from medium screens up unless told other widths', async () => {
    const { container, unmount } = await renderInTestApp(
      <KpiTileRow tiles={tiles} />,
    );
    expect(container.querySelectorAll('.MuiGrid-grid-md-true')).toHaveLength(3);
    unmount();

    const narrow = await renderInTestApp(
      <KpiTileRow tiles={tiles} widths={{ xs: 6, md: 3 }} />,
    );
    expect(
      narrow.container.querySelectorAll('.MuiGrid-grid-xs-6.MuiGrid-grid-md-3'),
    ).toHaveLength(3);
    expect(narrow.container.querySelector('.MuiGrid-grid-md-true')).toBeNull();
  });
});
