import { TableColumn } from '@backstage/core-components';

import { makeStyles, Theme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { DrTestSummary } from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import { formatDay } from '../../../dates';
import { formatSeconds } from '../../../format';
import { readableText } from '../../../contrast';
import { StateChip, StateChipMapping } from '../../shared/StateChip';
import { SortableTable } from '../../shared/SortableTable';

const useStyles = makeStyles((theme: Theme) => ({
  met: { color: readableText(theme, theme.palette.success.main) },
  missed: {
    color: readableText(theme, theme.palette.error.main),
    fontWeight: 'bold',
  },
}));

const results: StateChipMapping<DrTestSummary['result']> = {
  passed: { label: 'Passed', tone: 'success' },
  partial: { label: 'Partial', tone: 'warning' },
  failed: { label: 'Failed', tone: 'error' },
};

function Achieved(props: { seconds: number | null; met: boolean | null }) {
  const classes = useStyles();
  const { seconds, met } = props;
  if (seconds === null) {
    return <>—</>;
  }
  let verdict = '';
  if (met === true) verdict = ' ✓ within target';
  else if (met === false) verdict = ' ✗ over target';
  return (
    <span
      className={met === null ? undefined : classes[met ? 'met' : 'missed']}
    >
      {formatSeconds(seconds)}
      {verdict && (
        <Typography variant="caption" component="span">
          {verdict}
        </Typography>
      )}
    </span>
  );
}

/** @public */
export interface DrTestHistoryTableProps {
  tests: DrTestSummary[];
  /** RTO and RPO in force, seconds, for the column headers. */
  rto: number | null;
  rpo: number | null;
  /** The service's timezone, which the days are days in. */
  timezone: string;
}

/**
 * Every DR test, newest first, with its result and the recovery time and data loss it achieved against
 * the objectives.
 *
 * @public
 */
export function DrTestHistoryTable(props: DrTestHistoryTableProps) {
  const { tests, rto, rpo, timezone } = props;
  // Copies: the table writes its own bookkeeping into the row objects.
  const rows = useMemo(() => tests.map(test => ({ ...test })), [tests]);
  const columns: TableColumn<DrTestSummary>[] = [
    {
      title: 'Performed',
      field: 'performedAt',
      render: test => formatDay(test.performedAt, timezone),
    },
    {
      title: 'Result',
      field: 'result',
      render: test => <StateChip state={test.result} mapping={results} />,
    },
    {
      title:
        rto === null
          ? 'Achieved RTO'
          : `Achieved RTO (target ${formatSeconds(rto)})`,
      field: 'achievedRto',
      render: test => <Achieved seconds={test.achievedRto} met={test.rtoMet} />,
    },
    {
      title:
        rpo === null
          ? 'Achieved RPO'
          : `Achieved RPO (target ${formatSeconds(rpo)})`,
      field: 'achievedRpo',
      render: test => <Achieved seconds={test.achievedRpo} met={test.rpoMet} />,
    },
    { title: 'Notes', field: 'notes', emptyValue: '—' },
    {
      title: 'Source',
      render: test => (
        <Typography variant="caption" color="textSecondary">
          {test.source}/{test.id}
        </Typography>
      ),
    },
  ];
  return (
    <SortableTable<DrTestSummary>
      title="DR test history"
      subtitle="Newest first"
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        // Column drag handles are focusable inside the sort buttons (nested controls for a screen
        // reader); the columns are not meant to be rearranged.
        draggable: false,
      }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No DR test has been recorded: the recovery plan has never been tested.
        </Typography>
      }
    />
  );
}
