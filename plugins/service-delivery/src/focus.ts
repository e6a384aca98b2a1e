import { makeStyles, Theme } from '@material-ui/core/styles';

/**
 * A focus ring a keyboard user sees in both themes: MUI marks a focused button, sort header or chip
 * only by a slightly darker fill or label, and a link by the browser's thin outline, too faint to
 * follow. The outline follows the control's own rounded corners.
 */
const ring = (theme: Theme) => ({
  outline: `2px solid ${theme.palette.primary.main}`,
  outlineOffset: 2,
});

/**
 * Every control that takes the focus from the keyboard: MUI's buttons, icon buttons, clickable chips,
 * sort headers and toggles mark it with `Mui-focusVisible`; links, plain buttons and what is made
 * focusable to show its tooltip (a KPI tile, a figure, a chip) match `:focus-visible` (none of them
 * does after a click). A select (`aria-haspopup`) is a field: it keeps the field's mark.
 */
const controls = [
  '.Mui-focusVisible',
  'a:focus-visible',
  'button:focus-visible',
  '[tabindex]:not([tabindex="-1"]):not([aria-haspopup]):focus-visible',
];

export const useFocusRingStyles = makeStyles((theme: Theme) => ({
  /**
   * On a tab's, page's, card's or dialog's root: the ring on every button, link and toggle inside
   * it, also those of Backstage's and material-table's components (pagination, sort headers).
   * Fields keep their own mark, the outlined border.
   */
  controls: {
    [controls.map(selector => `& ${selector}`).join(', ')]: ring(theme),
  },
  /** on a container: its tables' sort headers */
  sortHeaders: {
    // the app's class names carry a counter (MuiTableSortLabel-root-123)
    '& [class*="MuiTableSortLabel-root"].Mui-focusVisible, & [class*="MuiTableSortLabel-root"]:focus-visible':
      { ...ring(theme), borderRadius: 2 },
  },
  /** on the focusable element itself (a chip, a tooltip's anchor) */
  ring: {
    '&.Mui-focusVisible, &:focus-visible': { ...ring(theme), borderRadius: 2 },
  },
}));
