import { statementSizes } from './sql';

describe('statementSizes', () => {
  it('fills full statements, then powers of two', () => {
    expect(statementSizes(5000, 4571)).toEqual([4571, 256, 128, 32, 8, 4, 1]);
    expect(statementSizes(9142, 4571)).toEqual([4571, 4571]);
    expect(statementSizes(1, 4571)).toEqual([1]);
    expect(statementSizes(0, 4571)).toEqual([]);
    expect(statementSizes(7, 4)).toEqual([4, 2, 1]);
  });

  it('adds up to the rows, whatever their number', () => {
    for (let rows = 0; rows <= 1200; rows++) {
      const sizes = statementSizes(rows, 500);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(rows);
      expect(
        sizes.every(s => s === 500 || Number.isInteger(Math.log2(s))),
      ).toBe(true);
    }
  });
});
