import { PerCallerMemo } from './perCallerMemo';

describe('PerCallerMemo', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const memo = () =>
    new PerCallerMemo<string>({
      ttlMs: 1000,
      maxEntries: 10,
      now: () => Date.now(),
    });

  it('answers an entry until its time has passed, then drops it without being asked', () => {
    const kept = memo();
    kept.set('user:default/a', 'x', '1');
    jest.advanceTimersByTime(600);
    kept.set('user:default/b', 'y', '2');
    expect(kept.get('user:default/a', 'x')).toBe('1');
    expect(kept.get('user:default/b', 'x')).toBeUndefined();
    // the first entry's time passes: dropped, the second kept until its own
    jest.advanceTimersByTime(400);
    expect(kept.size).toBe(1);
    expect(kept.get('user:default/a', 'x')).toBeUndefined();
    expect(kept.get('user:default/b', 'y')).toBe('2');
    jest.advanceTimersByTime(600);
    expect(kept.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('renews an entry written again, and keeps at most maxEntries', () => {
    const kept = memo();
    kept.set('c', 'x', '1');
    jest.advanceTimersByTime(900);
    kept.set('c', 'x', '2');
    jest.advanceTimersByTime(900);
    expect(kept.get('c', 'x')).toBe('2');
    for (let i = 0; i < 15; i++) kept.set('c', `k${i}`, String(i));
    expect(kept.size).toBe(10);
    expect(kept.get('c', 'x')).toBeUndefined();
    expect(kept.get('c', 'k14')).toBe('14');
  });
});
