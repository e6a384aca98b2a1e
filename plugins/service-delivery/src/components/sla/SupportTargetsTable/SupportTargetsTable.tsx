import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SupportResult } from '@service-delivery/plugin-service-delivery-common';
import { formatCount, formatPercent, formatSeconds } from '../../../format';

function InTime(props: {
  compliance: number | null | undefined;
  inTime: number;
  incidents: number;
}) {
  const { compliance, inTime, incidents } = props;
  if (incidents === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" component="div">
        {formatPercent(compliance, 1)}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {formatCount(inTime)} of {formatCount(incidents)}
      </Typography>
    </>
  );
}

/** @public */
export interface SupportTargetsTableProps {
  support: SupportResult[];
}

/**
 * Incident response and resolution targets by priority, and how many of the period's incidents met
 * them.
 *
 * @public
 */
export function SupportTargetsTable(props: SupportTargetsTableProps) {
  const { support } = props;
  if (support.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This agreement sets no response or resolution targets.
      </Typography>
    );
  }
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Support targets">
        <TableHead>
          <TableRow>
            <TableCell>Priority</TableCell>
            <TableCell align="right">Response target</TableCell>
            <TableCell align="right">Resolution target</TableCell>
            <TableCell align="right">Incidents</TableCell>
            <TableCell align="right">Responded in time</TableCell>
            <TableCell align="right">Resolved in time</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {support.map(row => (
            <TableRow key={row.priority}>
              <TableCell>{row.priority}</TableCell>
              <TableCell align="right">
                {formatSeconds(row.responseTarget)}
              </TableCell>
              <TableCell align="right">
                {formatSeconds(row.resolutionTarget)}
              </TableCell>
              <TableCell align="right">{formatCount(row.incidents)}</TableCell>
              <TableCell align="right">
                <InTime
                  compliance={row.responseCompliance}
                  inTime={row.respondedInTime}
                  incidents={row.incidents}
                />
              </TableCell>
              <TableCell align="right">
                <InTime
                  compliance={row.resolutionCompliance}
                  inTime={row.resolvedInTime}
                  incidents={row.incidents}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
