import {
  Theme,
  darken,
  decomposeColor,
  recomposeColor,
  getContrastRatio,
  lighten,
  makeStyles,
} from '@material-ui/core/styles';

/**
 * WCAG 2 AA for normal-size text is 4.5:1; Material's getContrastRatio rounds luminance to three
 * decimals, so a colour it rates 4.5 may measure 4.48 in the browser: aim a little higher.
 */
const AA = 4.6;

/**
 * Moves `color` away from `against` (darker on a light background, lighter on a dark one) in small
 * steps until it has AA contrast with every colour of `against`. The palette's colour is kept when
 * it already reads, so a theme with accessible status colours is drawn as it is.
 */
function awayFrom(color: string, against: string[], dark: boolean): string {
  const reads = (candidate: string) =>
    against.every(other => getContrastRatio(candidate, other) >= AA);
  const shade = (amount: number) =>
    dark ? lighten(color, amount) : darken(color, amount);
  for (let step = 0; step < 20; step++) {
    const candidate = shade(step * 0.05);
    if (reads(candidate)) {
      return candidate;
    }
  }
  return shade(1);
}

/**
 * A translucent colour (Material's secondary text is black at 54 %) as it shows on `background`:
 * contrast is measured on what is drawn, and getContrastRatio ignores the alpha.
 */
function opaqueOn(color: string, background: string): string {
  const fg = decomposeColor(color);
  const alpha = fg.values[3] ?? 1;
  if (alpha >= 1 || !fg.type.startsWith('rgb')) {
    return color;
  }
  const bg = decomposeColor(background).values;
  return recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(alpha * fg.values[i] + (1 - alpha) * bg[i]),
    ) as [number, number, number],
  });
}

/**
 * A text colour of the palette's hue that reads (AA) on both the theme's page background and its
 * paper: for status text (red "breached", green "within target") and secondary text drawn on the
 * page rather than in a card.
 */
export function readableText(theme: Theme, color: string): string {
  const { background, type } = theme.palette;
  const dark = type === 'dark';
  // Backstage draws some pages a shade off its palette's background (#f5f5f5 against #f8f8f8)
  const pageShade = dark
    ? lighten(background.default, 0.03)
    : darken(background.default, 0.03);
  return awayFrom(
    opaqueOn(color, background.paper),
    [background.default, pageShade, background.paper],
    dark,
  );
}

/**
 * A filled chip's colours: the palette's colour as its fill, darkened or lightened until the text
 * the theme puts on it (white or black) reads (AA).
 */
export function readableFill(
  theme: Theme,
  color: string,
): { backgroundColor: string; color: string } {
  const text = theme.palette.getContrastText(color);
  const lightText =
    getContrastRatio(text, '#000') > getContrastRatio(text, '#fff');
  return {
    backgroundColor: awayFrom(color, [text], !lightText),
    color: text,
  };
}

/**
 * Text that reads (AA) on the page background as well as on a card: secondary text and form labels
 * drawn straight on the page (a tab's subtitle, a picker above the cards), where the theme's
 * secondary text colour may not, and error text (the theme's red may be too light or too dark).
 */
export const useReadableStyles = makeStyles((theme: Theme) => ({
  secondaryText: {
    color: readableText(theme, theme.palette.text.secondary),
  },
  errorText: {
    color: readableText(theme, theme.palette.error.main),
  },
}));
