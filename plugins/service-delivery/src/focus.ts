import { makeStyles, Theme } from '@material-ui/core/styles';

/**
 * A focus ring a keyboard user sees in both themes: MUI marks a focused sort header only by a
 * slightly darker label and a focused chip by a slightly darker fill, too faint to follow.
 */
const ring = (theme: Theme) => ({
  outline: `2px solid ${theme.palette.primary.main}`,
  outlineOffset: 2,
  borderRadius: 2,
});

export const useFocusRingStyles = makeStyles((theme: Theme) => ({
  /** on a container: its tables' sort headers */
  sortHeaders: {
    // the app's class names carry a counter (MuiTableSortLabel-root-123)
    '& [class*="MuiTableSortLabel-root"].Mui-focusVisible, & [class*="MuiTableSortLabel-root"]:focus-visible':
      ring(theme),
  },
  /** on the focusable element itself (a chip, a tooltip's anchor) */
  ring: {
    '&.Mui-focusVisible, &:focus-visible': ring(theme),
  },
}));
