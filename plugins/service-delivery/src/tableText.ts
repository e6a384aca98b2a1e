import { makeStyles } from '@material-ui/core/styles';

export const useTableTextStyles = makeStyles({
  /**
   * On a tab's, page's or card's root: its tables' cells and headers wrap between words only.
   * Backstage's theme gives every table cell `word-break: break-word`, which lets the browser size a
   * column narrower than its longest word and break that word ("Card authorisa|tion"). With this a
   * column is at least as wide as its longest word (the table scrolls sideways when they do not all
   * fit); a single word longer than a whole line, such as a long reference, still breaks.
   */
  words: {
    '& td, & th': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
});
