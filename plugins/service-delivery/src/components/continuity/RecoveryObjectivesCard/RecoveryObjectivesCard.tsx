import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ContinuityCheckResult,
  ContinuityObjective,
  ContinuityResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { formatPercent, formatSeconds } from '../../../format';
import { useTableTextStyles } from '../../../tableText';

const rows: Array<{
  key: 'rto' | 'rpo' | 'testEvery';
  label: string;
  description: string;
  /** The check that compares the declared value with the policy. */
  check?: string;
}> = [
  {
    key: 'rto',
    label: 'RTO',
    description: 'how long the service may take to recover',
    check: 'rto-within-policy',
  },
  {
    key: 'rpo',
    label: 'RPO',
    description: 'how much recent data it may lose',
    check: 'rpo-within-policy',
  },
  {
    key: 'testEvery',
    label: 'Test every',
    description: 'how often the recovery plan is tested',
  },
];

const noWrap = { whiteSpace: 'nowrap' } as const;

function verdict(
  objective: ContinuityObjective,
  check: ContinuityCheckResult | undefined,
): { label: string; fails: boolean } | undefined {
  if (!check || objective.declared === null || objective.policy === null) {
    return undefined;
  }
  return check.status === 'fail'
    ? { label: 'Looser than policy', fails: true }
    : { label: 'Within policy', fails: false };
}

/** @public */
export interface RecoveryObjectivesCardProps {
  value: Pick<ContinuityResponse, 'tier' | 'policy' | 'objectives' | 'checks'>;
}

/**
 * The declared recovery objectives beside the tier's policy, and what is in force: a declared value
 * overrides, the tier fills in the rest.
 *
 * @public
 */
export function RecoveryObjectivesCard(props: RecoveryObjectivesCardProps) {
  const { tier, policy, objectives, checks } = props.value;
  const tableText = useTableTextStyles();
  let subheader = 'No tier: only the declared objectives apply';
  if (policy) {
    subheader = `${policy.tier} policy${
      policy.availability === null
        ? ''
        : `, availability ${formatPercent(policy.availability)}`
    }`;
  } else if (tier) {
    subheader = `Tier '${tier}' is not defined in the config: no policy applies`;
  }
  return (
    <InfoCard title="Recovery objectives" subheader={subheader}>
      <Box overflow="auto">
        <Table
          size="small"
          aria-label="Recovery objectives"
          className={tableText.compact}
        >
          <TableHead>
            <TableRow>
              <TableCell>Objective</TableCell>
              <TableCell align="right" style={noWrap}>
                Declared
              </TableCell>
              <TableCell align="right" style={noWrap}>
                {policy ? `${policy.tier} policy` : 'Tier policy'}
              </TableCell>
              <TableCell align="right" style={noWrap}>
                In force
              </TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => {
              const objective = objectives[row.key];
              const judged = verdict(
                objective,
                checks.find(check => check.id === row.check),
              );
              return (
                <TableRow key={row.key}>
                  <TableCell>
                    <Typography variant="body2">{row.label}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      {row.description}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    {formatSeconds(objective.declared)}
                  </TableCell>
                  <TableCell align="right">
                    {formatSeconds(objective.policy)}
                  </TableCell>
                  <TableCell align="right">
                    <strong>{formatSeconds(objective.effective)}</strong>
                  </TableCell>
                  <TableCell>
                    {judged && (
                      <Chip
                        size="small"
                        variant="outlined"
                        color={judged.fails ? 'secondary' : 'default'}
                        label={judged.label}
                      />
                    )}
                    {!judged && objective.source === 'policy' && (
                      <Typography variant="caption" color="textSecondary">
                        from the tier
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
}
