import { act, render, screen } from '@testing-library/react';
import {
  RequestState,
  answerOf,
  sharedRequest,
  startRequest,
  useRequest,
} from './useRequest';

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

describe('answerOf', () => {
  it('knows a started request only once it is answered, value or failure', async () => {
    const pending = deferred<string>();
    const request = startRequest(() => pending.promise);
    expect(answerOf(request)).toBeUndefined();
    pending.resolve('A');
    await request;
    expect(answerOf(request)).toEqual({ value: 'A' });

    const failing = startRequest<string>(() => {
      throw new Error('down');
    });
    await failing.catch(() => undefined);
    expect(answerOf(failing)?.error?.message).toBe('down');
    expect(answerOf(Promise.resolve('not started here'))).toBeUndefined();
  });

  it('lets a component that renders after the answer draw it at once, without a loading render', async () => {
    const shared = {};
    const asked = sharedRequest(shared, 'read', () => Promise.resolve('A'));
    await asked;
    const seen: Array<RequestState<string>> = [];
    render(
      <Probe
        query="q"
        start={() => sharedRequest(shared, 'read', () => Promise.resolve('B'))}
        seen={seen}
      />,
    );
    expect(screen.getByText('loaded A -')).toBeInTheDocument();
    expect(seen[0]).toEqual({ loading: false, value: 'A', error: undefined });
    // the effect that follows finds the answer already drawn: no second render
    await act(async () => {});
    expect(seen).toHaveLength(1);
  });
});

describe('sharedRequest', () => {
  afterEach(() => jest.useRealTimers());

  it('asks once for the same read of one API while it is asked and for a second after its answer', async () => {
    jest.useFakeTimers();
    const api = {};
    const asked: string[] = [];
    const answer = deferred<string>();
    const start = (key: string) => () => {
      asked.push(key);
      return answer.promise.then(value => `${value} to ${key}`);
    };
    const first = sharedRequest(api, 'findings', start('findings'));
    // a render thrown away and done again, and the part that renders later
    expect(sharedRequest(api, 'findings', start('findings'))).toBe(first);
    // another read, and the same read of another API instance, are asked for
    sharedRequest(api, 'overview', start('overview'));
    sharedRequest({}, 'findings', start('findings elsewhere'));
    expect(asked).toEqual(['findings', 'overview', 'findings elsewhere']);

    answer.resolve('answer');
    await first;
    jest.advanceTimersByTime(999);
    expect(sharedRequest(api, 'findings', start('findings'))).toBe(first);
    jest.advanceTimersByTime(1);
    const next = sharedRequest(api, 'findings', start('findings'));
    expect(next).not.toBe(first);
    expect(asked).toEqual([
      'findings',
      'overview',
      'findings elsewhere',
      'findings',
    ]);
  });

  it('asks again a second after a failure, which each asker sees meanwhile', async () => {
    jest.useFakeTimers();
    const api = {};
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error(`failure ${calls}`));
    };
    const first = sharedRequest(api, 'coverage', failing);
    await expect(first).rejects.toThrow('failure 1');
    await expect(sharedRequest(api, 'coverage', failing)).rejects.toThrow(
      'failure 1',
    );
    jest.advanceTimersByTime(1000);
    await expect(sharedRequest(api, 'coverage', failing)).rejects.toThrow(
      'failure 2',
    );
  });
});
