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

  it('forgets everything once it holds the most it may', () => {
    const compute = jest.fn((key: number) => key * 2);
    const recent = recentResults<number, number>(3);
    for (const key of [1, 2, 3]) recent(key, compute);
    // full: the fourth key clears the three before it
    expect(recent(4, compute)).toBe(8);
    expect(recent(4, compute)).toBe(8);
    expect(recent(1, compute)).toBe(2);
    expect(compute.mock.calls.map(([key]) => key)).toEqual([1, 2, 3, 4, 1]);
  });
});
