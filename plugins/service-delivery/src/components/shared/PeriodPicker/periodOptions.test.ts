import { periodOptions } from './periodOptions';

describe('periodOptions', () => {
  it('offers the current period, rolling windows, twelve months and four quarters', () => {
    const options = periodOptions(new Date(2026, 1, 10));
    const values = options.map(option => option.value);
    expect(values.slice(0, 3)).toEqual(['', 'rolling-28d', 'rolling-30d']);
    expect(values.slice(3, 6)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(values[14]).toBe('2025-03');
    expect(values.slice(15)).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
    ]);
    expect(options[3].label).toBe('February 2026');
    expect(options[15].label).toBe('Q1 2026');
  });
});
