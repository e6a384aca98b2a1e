import { render, screen } from '@testing-library/react';
import { Suspense, lazy } from 'react';
import {
  fulfilledNow,
  loadPortfolioContent,
  portfolioContentModule,
} from './portfolioContentLoader';

function Shown() {
  return <div>shown</div>;
}

describe('fulfilledNow', () => {
  it('calls back before then returns, along a chain', () => {
    const seen: number[] = [];
    fulfilledNow(2)
      .then(value => value + 1)
      .then(value => {
        seen.push(value);
      });
    expect(seen).toEqual([3]);
  });

  it('answers a callback that throws with a rejection, and skips the callbacks after it', async () => {
    const after = jest.fn();
    const chained = fulfilledNow(1)
      .then(() => {
        throw new Error('broken');
      })
      .then(after);
    await expect(chained).rejects.toThrow('broken');
    expect(after).not.toHaveBeenCalled();
  });

  it('waits for a thenable a callback returns', async () => {
    const seen: string[] = [];
    const chained = fulfilledNow('a')
      .then(value => Promise.resolve(`${value}b`))
      .then(value => {
        seen.push(value);
      });
    expect(seen).toEqual([]);
    await chained;
    expect(seen).toEqual(['ab']);
  });

  it('lets React.lazy render its component in the first pass, where a settled Promise shows the fallback', async () => {
    const Now = lazy(() => fulfilledNow({ default: Shown }));
    const { unmount } = render(
      <Suspense fallback={<div>loading</div>}>
        <Now />
      </Suspense>,
    );
    expect(screen.getByText('shown')).toBeInTheDocument();
    expect(screen.queryByText('loading')).not.toBeInTheDocument();
    unmount();

    const Later = lazy(() => Promise.resolve({ default: Shown }));
    render(
      <Suspense fallback={<div>loading</div>}>
        <Later />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(screen.queryByText('shown')).not.toBeInTheDocument();
    expect(await screen.findByText('shown')).toBeInTheDocument();
  });
});

describe('portfolioContentModule', () => {
  it('answers the loaded portfolio tab at once', async () => {
    const module = await loadPortfolioContent();
    let component: unknown;
    portfolioContentModule().then(m => {
      component = m.PortfolioContent;
    });
    expect(component).toBe(module.PortfolioContent);
  });
});
