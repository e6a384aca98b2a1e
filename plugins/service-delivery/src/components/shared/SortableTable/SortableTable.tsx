import { Table, TableProps } from '@backstage/core-components';
import { useEffect, useRef } from 'react';
import { useFocusRingStyles } from '../../../focus';

/** MUI's class of a rule, as named in a test (`MuiX-rule`) and in the app (`MuiX-rule-123`). */
const hasRule = (element: Element, rule: string) =>
  Array.from(element.classList).some(
    name => name === rule || name.startsWith(`${rule}-`),
  );

/** What a sort header's label shows: sorted up, down, or not by this column. */
export function sortStateOf(label: Element): 'ascending' | 'descending' | null {
  if (!hasRule(label, 'MuiTableSortLabel-active')) {
    return null;
  }
  const icon = label.querySelector('svg');
  return icon && hasRule(icon, 'MuiTableSortLabel-iconDirectionDesc')
    ? 'descending'
    : 'ascending';
}

/** Puts aria-sort on the header cell of the column the table is sorted by, and takes it off the others. */
function markSortedColumn(root: Element) {
  root.querySelectorAll('th').forEach(header => {
    const label = header.querySelector('[class*="MuiTableSortLabel-root"]');
    const state = label ? sortStateOf(label) : null;
    if (state === null) {
      header.removeAttribute('aria-sort');
    } else if (header.getAttribute('aria-sort') !== state) {
      header.setAttribute('aria-sort', state);
    }
  });
}

/**
 * Backstage's Table whose sort headers a keyboard and a screen reader can follow: the sorted column's
 * header says so with aria-sort (material-table does not set it, MUI's own TableCell would), and a
 * focused sort header shows a ring.
 */
export function SortableTable<T extends object>(props: TableProps<T>) {
  const root = useRef<HTMLDivElement>(null);
  const classes = useFocusRingStyles();
  useEffect(() => {
    const element = root.current;
    if (!element) {
      return undefined;
    }
    markSortedColumn(element);
    // the table re-renders its header on every sort, page and search
    const observer = new MutationObserver(() => markSortedColumn(element));
    observer.observe(element, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={root} className={classes.sortHeaders}>
      <Table<T> {...props} />
    </div>
  );
}
