import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OverviewRow,
  ServiceDeliveryTab,
} from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';
import {
  formatCount,
  formatPercent,
  formatShare,
  policyStateLabels,
} from '../../../format';
import { formatDaysTo } from '../../../formatCapacity';
import { formatAmount } from '../../../formatCost';
import { CapacityStatusChip } from '../../shared/CapacityStatusChip';
import { ContinuityStatusChip } from '../ContinuityStatusChip';
import { shortRef } from '../OverviewContent/names';
import { PAGE_SIZES } from '../OverviewContent/useOverviewQuery';
import { StatusChip } from '../../shared/StatusChip';
import { useFocusRingStyles } from '../../../focus';

/** Further away than this, when a resource reaches critical is not news. */
const SOON_DAYS = 90;

type Column = {
  id: string;
  label: string;
  /** the API's sort field; not sortable without */
  sort?: string;
  align?: 'right';
  /** px: a name column is not squeezed to a word a line */
  minWidth?: number;
  cost?: boolean;
  render: (row: OverviewRow) => ReactNode;
};

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** A figure, linked to the tab that explains it when the entity has that tab. */
const ToTab = (props: {
  row: OverviewRow;
  tab: ServiceDeliveryTab;
  children: ReactNode;
}) => {
  const to = props.row.links[props.tab];
  return to ? (
    <Link to={to} underline="none">
      {props.children}
      {/* read after the figure, so the link's name starts with what it shows */}
      <span
        style={VISUALLY_HIDDEN}
      >{` (${props.tab} of ${props.row.name})`}</span>
    </Link>
  ) : (
    <>{props.children}</>
  );
};

const Muted = (props: { children: ReactNode }) => (
  <Typography variant="caption" color="textSecondary" component="div">
    {props.children}
  </Typography>
);

/** The month's cost against the budget; a system whose budget holds its parts' with their cost. */
function CostCell(props: { row: OverviewRow }) {
  const { cost } = props.row;
  if (!cost) return <>—</>;
  const { withParts } = cost;
  let against: string;
  if (withParts) {
    against = `with its ${formatCount(withParts.parts)} ${
      withParts.parts === 1 ? 'part' : 'parts'
    }, of ${formatAmount(withParts.budget, cost.currency, 0)}`;
  } else if (cost.budget === null) {
    against = 'no budget';
  } else {
    against = `of ${formatAmount(cost.budget, cost.currency, 0)}`;
  }
  return (
    <>
      <ToTab row={props.row} tab="cost">
        {formatAmount(
          withParts ? withParts.actual : cost.actual,
          cost.currency,
          0,
        )}
      </ToTab>
      <Muted>{against}</Muted>
    </>
  );
}

const COLUMNS: Column[] = [
  {
    id: 'service',
    label: 'Service',
    sort: 'name',
    minWidth: 160,
    render: row => (
      <>
        <Link to={row.links.overview ?? '#'}>{row.title ?? row.name}</Link>
        <Muted>
          {[row.kind, row.type, row.lifecycle].filter(Boolean).join(' · ')}
        </Muted>
      </>
    ),
  },
  {
    id: 'owner',
    label: 'Owner',
    sort: 'owner',
    render: row => (
      <>
        {shortRef(row.owner)}
        <Muted>
          {[row.system && shortRef(row.system), row.tier]
            .filter(Boolean)
            .join(' · ')}
        </Muted>
      </>
    ),
  },
  {
    id: 'status',
    label: 'Status',
    sort: 'status',
    render: row => (
      <>
        <ToTab row={row} tab="sla">
          <StatusChip status={row.status} />
        </ToTab>
        {row.serviceLevel?.worstAgreement && row.status !== 'met' && (
          <Muted>{row.serviceLevel.worstAgreement}</Muted>
        )}
      </>
    ),
  },
  {
    id: 'availability',
    label: 'Availability',
    sort: 'availability',
    align: 'right',
    render: row =>
      row.availability ? (
        <>
          <ToTab row={row} tab="availability">
            {formatPercent(row.availability.availability)}
          </ToTab>
          <Muted>
            target {formatPercent(row.availability.target)}
            {row.availability.unachievable &&
              (row.availability.feasibility === 'uncertain'
                ? ' · may be unachievable'
                : ' · unachievable')}
          </Muted>
        </>
      ) : (
        '—'
      ),
  },
  {
    id: 'budget',
    label: 'Error budget left',
    sort: 'budgetRemaining',
    align: 'right',
    render: row =>
      row.serviceLevel?.budgetRemainingShare !== null &&
      row.serviceLevel?.budgetRemainingShare !== undefined ? (
        <Tooltip title={row.serviceLevel.budgetObjective ?? ''}>
          {/* focusable, so that the objective it is of shows to the keyboard too (a tooltip's
              anchor must take the focus) */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <span tabIndex={0}>
            {formatShare(row.serviceLevel.budgetRemainingShare)}
          </span>
        </Tooltip>
      ) : (
        '—'
      ),
  },
  {
    id: 'policy',
    label: 'Error-budget policy',
    sort: 'policy',
    render: row =>
      row.policy ? (
        <>
          <span data-policy-state={row.policy.state}>
            {policyStateLabels[row.policy.state]}
          </span>
          {row.policy.step && (
            <Tooltip title={row.policy.step.reason ?? ''}>
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
                tabIndex={0}
              >
                {`${row.policy.step.agreement}/${row.policy.step.objective}`}
              </Typography>
            </Tooltip>
          )}
        </>
      ) : (
        '—'
      ),
  },
  {
    id: 'cost',
    label: 'Cost this month',
    sort: 'variance',
    align: 'right',
    cost: true,
    render: row => <CostCell row={row} />,
  },
  {
    id: 'capacity',
    label: 'Capacity',
    sort: 'daysToCritical',
    render: row =>
      row.capacity ? (
        <>
          <ToTab row={row} tab="capacity">
            <CapacityStatusChip status={row.capacity.status} />
          </ToTab>
          {row.capacity.daysToCritical !== null &&
            row.capacity.daysToCritical <= SOON_DAYS && (
              <Muted>
                {row.capacity.resource} critical{' '}
                {formatDaysTo(row.capacity.daysToCritical)}
              </Muted>
            )}
        </>
      ) : (
        '—'
      ),
  },
  {
    id: 'continuity',
    label: 'Continuity',
    sort: 'continuity',
    render: row =>
      row.continuity ? (
        <>
          <ToTab row={row} tab="continuity">
            <ContinuityStatusChip status={row.continuity.status} />
          </ToTab>
          {row.continuity.testOverdue && <Muted>DR test overdue</Muted>}
        </>
      ) : (
        '—'
      ),
  },
  {
    id: 'findings',
    label: 'Findings',
    sort: 'findings',
    align: 'right',
    render: row => {
      const urgent = row.findings.critical + row.findings.high;
      const all = urgent + row.findings.medium + row.findings.low;
      return (
        <>
          {formatCount(all)}
          {urgent > 0 && <Muted>{urgent} critical or high</Muted>}
          {row.problems > 0 && (
            <Muted>
              {row.problems} metadata problem{row.problems === 1 ? '' : 's'}
            </Muted>
          )}
        </>
      );
    },
  },
];

// Ten columns fit beside the sidebar from 1,280 px wide: headers wrap between their words, and
// cells keep 12 px a side rather than the theme's 16 and 24, 8 px on a screen narrower than 1,400
// px (the table scrolls sideways below 1,280).
const useStyles = makeStyles({
  cells: {
    '& th, & td': { paddingLeft: 12, paddingRight: 12 },
    '& th:first-child, & td:first-child': { paddingLeft: 16 },
    '@media (max-width: 1399.95px)': {
      '& th, & td': { paddingLeft: 8, paddingRight: 8 },
    },
  },
});

/** @public */
export interface OverviewTableProps {
  rows: OverviewRow[];
  total: number;
  page: number;
  pageSize: number;
  sort: string;
  order: 'asc' | 'desc';
  costVisible: boolean;
  onSort: (sort: string, order: 'asc' | 'desc') => void;
  onPage: (page: number, pageSize?: number) => void;
}

/**
 * One page of services with their headline figures, sorted and paged by the backend; the name
 * links to the entity, each figure to the tab that explains it.
 *
 * @public
 */
export function OverviewTable(props: OverviewTableProps) {
  const { rows, total, page, pageSize, sort, order, costVisible } = props;
  const columns = COLUMNS.filter(column => costVisible || !column.cost);
  const focus = useFocusRingStyles();
  const classes = useStyles();
  return (
    <>
      <Box overflow="auto" className={focus.sortHeaders}>
        <Table size="small" aria-label="Services" className={classes.cells}>
          <TableHead>
            <TableRow>
              {columns.map(column => (
                <TableCell
                  key={column.id}
                  align={column.align}
                  sortDirection={column.sort === sort ? order : false}
                  style={{ minWidth: column.minWidth }}
                >
                  {column.sort ? (
                    <TableSortLabel
                      active={column.sort === sort}
                      direction={column.sort === sort ? order : 'asc'}
                      onClick={() =>
                        props.onSort(
                          column.sort!,
                          column.sort === sort && order === 'asc'
                            ? 'desc'
                            : 'asc',
                        )
                      }
                    >
                      {column.label}
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Typography variant="body2" color="textSecondary">
                    No services match these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {rows.map(row => (
              <TableRow key={row.entityRef} data-entity-ref={row.entityRef}>
                {columns.map(column => (
                  <TableCell key={column.id} align={column.align}>
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <TablePagination
        component="div"
        count={total}
        page={Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1))}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => props.onPage(next)}
        onRowsPerPageChange={event =>
          props.onPage(0, Number(event.target.value))
        }
      />
    </>
  );
}
