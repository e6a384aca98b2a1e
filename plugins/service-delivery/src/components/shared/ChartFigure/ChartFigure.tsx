import { ReactNode } from 'react';

/** @public */
export interface ChartFigureProps {
  /** What the chart shows, e.g. "Availability per period". */
  title: string;
  /** What it draws, one phrase per point or series, e.g. "2026-10: 99.95 %". */
  points: string[];
  children: ReactNode;
}

/**
 * A chart with its text alternative: screen readers read the title and the figures drawn (the
 * chart's own SVG is an image to them, its axis ticks and legend noise), sighted users see the chart.
 *
 * @public
 */
export function ChartFigure(props: ChartFigureProps) {
  const { title, points, children } = props;
  const summary =
    points.length > 0 ? `${title}: ${points.join('; ')}` : `${title}: no data`;
  return (
    <div role="img" aria-label={summary} data-chart={title}>
      {children}
    </div>
  );
}
