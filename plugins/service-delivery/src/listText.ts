import { makeStyles } from '@material-ui/core/styles';

export const useListTextStyles = makeStyles({
  /**
   * On a dense list's `ListItemText`: its lines wrap. Backstage's theme keeps the text of a dense
   * list on one line (`white-space: nowrap`, meant for menus), which cut a long finding or check off
   * at the card's edge. Doubled to outrank the theme's rule whatever order the sheets load in.
   */
  wraps: {
    '&&': { whiteSpace: 'normal' },
  },
});
