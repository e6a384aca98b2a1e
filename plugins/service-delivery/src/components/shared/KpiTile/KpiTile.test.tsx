import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { KpiTile } from './KpiTile';

describe('KpiTile', () => {
  it('takes the keyboard focus when it has a description, so that the description shows without a mouse', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <>
        <KpiTile label="Downtime" value="1h 30m" />
        <KpiTile
          label="Failures"
          value="3"
          description="Incidents that took the service down in agreed service time"
        />
      </>,
    );
    await user.tab();
    const focused = document.activeElement as HTMLElement;
    expect(focused).toHaveTextContent('Failures3');
    expect(focused).toHaveAccessibleDescription(
      'Incidents that took the service down in agreed service time',
    );
    // the tile without a description is no stop on the way
    expect(
      screen.getByRole('group', { name: 'Downtime' }).closest('[tabindex]'),
    ).toBeNull();
  });
});
