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
  /**
   * On a card's table of figures: cells keep 8 px a side instead of the small table's 16 and 24, so
   * that a card in a third or half of the page shows every column from 1,280 px wide.
   */
  compact: {
    '& th, & td': { paddingLeft: 8, paddingRight: 8 },
  },
});
