import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import { readableFill, readableText } from './contrast';

const light = createTheme({
  palette: { type: 'light', background: { default: '#f5f5f5' } },
});
const dark = createTheme({
  palette: {
    type: 'dark',
    background: { default: '#333333', paper: '#424242' },
  },
});

describe('readableText', () => {
  it('darkens a status colour until it reads on the light page and its cards', () => {
    // Material's green #4caf50 on white is 2.8:1
    expect(getContrastRatio('#4caf50', '#ffffff')).toBeLessThan(3);
    const green = readableText(light, '#4caf50');
    expect(getContrastRatio(green, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(green, '#f5f5f5')).toBeGreaterThanOrEqual(4.5);
  });

  it('lightens it on a dark theme', () => {
    // Material's red #f44336 on #424242 is 2.7:1
    const red = readableText(dark, '#f44336');
    expect(getContrastRatio(red, '#424242')).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(red, '#333333')).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(red, '#f44336')).toBeGreaterThan(1);
  });

  it("measures translucent text (Material's secondary, black at 54 %) as drawn", () => {
    // rgba(0, 0, 0, 0.54) on white is #757575, 4.6:1 on white but 4.3:1 on the #f5f5f5 page
    const secondary = readableText(light, 'rgba(0, 0, 0, 0.54)');
    expect(secondary).not.toContain('0.54');
    expect(getContrastRatio(secondary, '#f5f5f5')).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps a colour that already reads', () => {
    expect(readableText(light, '#000000')).toBe('rgb(0, 0, 0)');
  });
});

describe('readableFill', () => {
  it('darkens a red chip under white text to 4.5:1', () => {
    // white on #f44336 is 3.7:1
    const fill = readableFill(light, '#f44336');
    expect(fill.color).toBe('#fff');
    expect(
      getContrastRatio(fill.backgroundColor, '#ffffff'),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps an amber chip with dark text as it is', () => {
    const fill = readableFill(light, '#ff9800');
    expect(fill.color).toBe('rgba(0, 0, 0, 0.87)');
    expect(fill.backgroundColor).toBe('rgb(255, 152, 0)');
  });
});
