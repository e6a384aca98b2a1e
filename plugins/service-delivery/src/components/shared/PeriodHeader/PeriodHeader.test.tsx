import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { october } from '../../../__testUtils__/fixtures';
import { PeriodHeader } from './PeriodHeader';

describe('PeriodHeader', () => {
  it("shows the period's first and last day and how far it is measured, in the service's timezone", async () => {
    await renderInTestApp(
      <PeriodHeader
        title="Service level agreements"
        range={october}
        timezone="Europe/London"
        period={undefined}
        onPeriodChange={jest.fn()}
      />,
    );
    expect(
      screen.getByText(
        '2026-10: 1–31 Oct 2026 (Europe/London) · measured until 20 Oct 2026, 10:00 UTC+1',
      ),
    ).toBeInTheDocument();
  });

  it('shows the days of the zone, not of UTC, far from it', async () => {
    await renderInTestApp(
      <PeriodHeader
        title="Availability"
        range={{
          label: '2026-10',
          start: '2026-09-30T11:00:00.000Z',
          end: '2026-10-31T11:00:00.000Z',
          measuredUntil: '2026-10-31T11:00:00.000Z',
          timezone: 'Pacific/Auckland',
        }}
        timezone="Pacific/Auckland"
        period="2026-10"
        onPeriodChange={jest.fn()}
      />,
    );
    // a period that is over says nothing about measurement
    expect(
      screen.getByText('2026-10: 1–31 Oct 2026 (Pacific/Auckland)'),
    ).toBeInTheDocument();
  });
});
