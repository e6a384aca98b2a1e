import { formatMoney } from './money';

describe('formatMoney', () => {
  it('writes whole amounts with the currency sign, or the code after an unknown one', () => {
    expect(formatMoney(4210.4, 'EUR')).toBe('€4,210');
    expect(formatMoney(-15, 'USD')).toBe('-$15');
    expect(formatMoney(1234, 'XYZ1')).toBe('1,234 XYZ1');
  });

  it('writes the decimals asked for', () => {
    expect(formatMoney(42000, 'EUR', { digits: 2 })).toBe('€42,000.00');
    expect(formatMoney(3500.1, 'GBP', { digits: 2 })).toBe('£3,500.10');
    expect(formatMoney(1234.5, 'XYZ1', { digits: 2 })).toBe('1,234.50 XYZ1');
  });

  it('writes a fraction of a cent to its significant digits', () => {
    expect(formatMoney(0.001564, 'EUR', { significantDigits: 3 })).toBe(
      '€0.00156',
    );
    expect(formatMoney(0.001564, 'XYZ1', { significantDigits: 3 })).toBe(
      '0.00156 XYZ1',
    );
  });
});
