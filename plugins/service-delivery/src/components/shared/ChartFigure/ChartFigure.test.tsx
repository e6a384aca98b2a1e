import { render, screen } from '@testing-library/react';
import { ChartFigure } from './ChartFigure';

describe('ChartFigure', () => {
  it('names the chart by its title and the figures it draws', () => {
    render(
      <ChartFigure
        title="Availability per period"
        points={['2026-10: 99.95%', '2026-11: 99.2%']}
      >
        <svg />
      </ChartFigure>,
    );
    expect(
      screen.getByRole('img', {
        name: 'Availability per period: 2026-10: 99.95%; 2026-11: 99.2%',
      }),
    ).toBeInTheDocument();
  });

  it('says when there is nothing drawn', () => {
    render(
      <ChartFigure title="Capacity risk" points={[]}>
        <svg />
      </ChartFigure>,
    );
    expect(
      screen.getByRole('img', { name: 'Capacity risk: no data' }),
    ).toBeInTheDocument();
  });
});
