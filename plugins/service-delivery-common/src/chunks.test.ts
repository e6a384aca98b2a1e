import { chunks } from './chunks';

describe('chunks', () => {
  it('cuts a list into slices of the size, the last one holding the rest', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(chunks([1], 500)).toEqual([[1]]);
    expect(chunks([], 3)).toEqual([]);
  });

  it('refuses a size that would never end', () => {
    expect(() => chunks([1], 0)).toThrow('size must be at least 1, not 0');
  });
});
