import { recentResults } from './recentResults';

describe('recentResults', () => {
  it('computes a key once while it is remembered, undefined results included', () => {
    const compute = jest.fn((key: string) =>
      key === 'bad' ? undefined : key.length,
    );
    const recent = recentResults<string, number | undefined>(10);
    expect(recent('abc', compute)).toBe(3);
    expect(recent('abc', compute)).toBe(3);
    expect(recent('bad', compute)).toBeUndefined();
    expect(recent('bad', compute)).toBeUndefined();
    expect(compute.mock.calls.map(([key]) => key)).toEqual(['abc', 'bad']);
  });

  it('keeps a working set up to twice its size, and forgets what was not read for a generation', () => {
    const compute = jest.fn((key: number) => key * 2);
    const recent = recentResults<number, number>(3);
    for (const key of [1, 2, 3]) recent(key, compute);
    // full: 1, 2, 3 become the old generation; 4 starts the young one
    expect(recent(4, compute)).toBe(8);
    // read from the old generation: not computed again, moved to the young one
    expect(recent(1, compute)).toBe(2);
    expect(recent(5, compute)).toBe(10);
    // the young one (4, 1, 5) is full: 6 retires it, and 2 and 3, not read since, are forgotten
    expect(recent(6, compute)).toBe(12);
    expect(recent(4, compute)).toBe(8);
    expect(recent(2, compute)).toBe(4);
    expect(compute.mock.calls.map(([key]) => key)).toEqual([
      1, 2, 3, 4, 5, 6, 2,
    ]);
  });

  it('cycles through more keys than it keeps by computing them, never growing past twice its size', () => {
    const compute = jest.fn((key: number) => key);
    const recent = recentResults<number, number>(100);
    for (let round = 0; round < 3; round++) {
      for (let key = 0; key < 1000; key++) recent(key, compute);
    }
    expect(compute).toHaveBeenCalledTimes(3000);
    // the last 100 keys asked for are the young generation, the 100 before them the old one
    expect(recent(999, () => -1)).toBe(999);
    expect(recent(850, () => -1)).toBe(850);
    expect(recent(799, () => -1)).toBe(-1);
  });
});

describe('recentResults, left unread', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('forgets everything once unread for its time, and keeps what is read meanwhile', () => {
    const compute = jest.fn((key: string) => key.length);
    const recent = recentResults<string, number>(10, 1000);
    recent('abc', compute);
    recent('de', compute);
    // read within every check: kept
    for (let i = 0; i < 5; i++) {
      jest.advanceTimersByTime(900);
      recent('abc', compute);
    }
    expect(compute).toHaveBeenCalledTimes(2);
    // unread from one check to the next: both generations forgotten
    jest.advanceTimersByTime(2000);
    recent('abc', compute);
    recent('de', compute);
    expect(compute.mock.calls.map(([key]) => key)).toEqual([
      'abc',
      'de',
      'abc',
      'de',
    ]);
  });

  it('holds no timer while it holds nothing', () => {
    const recent = recentResults<string, number>(10, 1000);
    expect(jest.getTimerCount()).toBe(0);
    recent('abc', key => key.length);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1000); // read since the start: looks again later
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1000); // unread: forgotten, and no timer left
    expect(jest.getTimerCount()).toBe(0);
    recent('abc', key => key.length);
    expect(jest.getTimerCount()).toBe(1);
  });
});
