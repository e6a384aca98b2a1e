import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StatusChip } from './StatusChip';

describe('StatusChip', () => {
  it.each([
    ['met', 'Met'],
    ['at-risk', 'At risk'],
    ['breached', 'Breached'],
    ['no-data', 'No data'],
  ] as const)('labels %s as %s', async (status, label) => {
    await renderInTestApp(<StatusChip status={status} />);
    expect(screen.getByText(label).closest('[data-status]')).toHaveAttribute(
      'data-status',
      status,
    );
  });
});
