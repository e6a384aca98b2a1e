import { act, render, screen } from '@testing-library/react';
import { RequestState, useRequest } from './useRequest';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function Probe(props: {
  query: string;
  start: (query: string) => Promise<string>;
  seen: Array<RequestState<string>>;
}) {
  const state = useRequest(() => props.start(props.query), [props.query]);
  props.seen.push(state);
  return (
    <span>
      {state.loading ? 'loading' : 'loaded'} {state.value ?? '-'}{' '}
      {state.error?.message ?? '-'}
    </span>
  );
}

describe('useRequest', () => {
  it('asks while the component first renders, before any effect has run', () => {
    const asked: string[] = [];
    const askedAtRender: number[] = [];
    function Counting() {
      useRequest(() => {
        asked.push('a');
        return new Promise<string>(() => {});
      }, []);
      askedAtRender.push(asked.length);
      return null;
    }
    render(<Counting />);
    // useAsync asks in an effect: the first render would see nothing asked yet
    expect(askedAtRender[0]).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it('keeps the last answer while the next is asked, and shows only the latest', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const start = (query: string) => {
      const d = deferred<string>();
      answers.set(query, d);
      return d.promise;
    };
    const seen: Array<RequestState<string>> = [];
    const { rerender } = render(<Probe query="a" start={start} seen={seen} />);
    expect(screen.getByText('loading - -')).toBeInTheDocument();
    await act(async () => answers.get('a')!.resolve('A'));
    expect(screen.getByText('loaded A -')).toBeInTheDocument();

    rerender(<Probe query="b" start={start} seen={seen} />);
    expect(screen.getByText('loading A -')).toBeInTheDocument();
    rerender(<Probe query="c" start={start} seen={seen} />);
    // b answers after c was asked: it is not shown
    await act(async () => answers.get('b')!.resolve('B'));
    expect(screen.getByText('loading A -')).toBeInTheDocument();
    await act(async () => answers.get('c')!.resolve('C'));
    expect(screen.getByText('loaded C -')).toBeInTheDocument();
    expect(seen.some(state => state.value === 'B')).toBe(false);
  });

  it('reports a failure, a thrown one too, as the error', async () => {
    const seen: Array<RequestState<string>> = [];
    const failing = deferred<string>();
    const { rerender } = render(
      <Probe query="x" start={() => failing.promise} seen={seen} />,
    );
    await act(async () => failing.reject(new Error('down')));
    expect(screen.getByText('loaded - down')).toBeInTheDocument();

    rerender(
      <Probe
        query="y"
        start={() => {
          throw new Error('no such query');
        }}
        seen={seen}
      />,
    );
    await act(async () => {});
    expect(screen.getByText('loaded - no such query')).toBeInTheDocument();
  });
});
