import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TabHeader } from './TabHeader';

describe('TabHeader', () => {
  it('shows the title, what the figures are of and the controls', async () => {
    await renderInTestApp(
      <TabHeader
        title="Cost"
        subtitle="2026-05 – 2026-10 in EUR"
        actions={<button type="button">Export</button>}
      />,
    );
    expect(screen.getByText('Cost')).toHaveClass('MuiTypography-h5');
    expect(screen.getByText('2026-05 – 2026-10 in EUR')).toHaveClass(
      'MuiTypography-body2',
    );
    expect(screen.getByRole('button', { name: 'Export' })).toBeInTheDocument();
  });

  it('leaves the line under the title out while there is nothing to say', async () => {
    const { container } = await renderInTestApp(
      <TabHeader title="Capacity" subtitle={undefined} />,
    );
    expect(screen.getByText('Capacity')).toBeInTheDocument();
    expect(container.querySelector('.MuiTypography-body2')).toBeNull();
  });

  it('shows only the line under it when there is no title', async () => {
    const { container } = await renderInTestApp(
      <TabHeader subtitle="Figures as of 20 Oct 2026, 10:00" />,
    );
    expect(
      screen.getByText('Figures as of 20 Oct 2026, 10:00'),
    ).toBeInTheDocument();
    expect(container.querySelector('.MuiTypography-h5')).toBeNull();
  });
});
