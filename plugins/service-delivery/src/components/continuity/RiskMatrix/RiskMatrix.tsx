import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { alpha, makeStyles, Theme } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ScoredRiskResult } from '@service-delivery/plugin-service-delivery-common';
import { useReadableStyles } from '../../../contrast';
import { useFocusRingStyles } from '../../../focus';

type Level = ScoredRiskResult['likelihood'];

const likelihoods: Level[] = ['high', 'medium', 'low'];
const impacts: Level[] = ['low', 'medium', 'high'];
const levelLabels: Record<Level, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

const useStyles = makeStyles((theme: Theme) => ({
  grid: { tableLayout: 'fixed' },
  cell: {
    verticalAlign: 'top',
    height: 72,
    border: `1px solid ${theme.palette.divider}`,
  },
  low: { backgroundColor: alpha(theme.palette.success.main, 0.15) },
  medium: { backgroundColor: alpha(theme.palette.warning.main, 0.2) },
  high: { backgroundColor: alpha(theme.palette.error.main, 0.2) },
  axis: { fontWeight: theme.typography.fontWeightBold as number },
  chip: { height: 'auto', maxWidth: '100%' },
  chipLabel: {
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    paddingTop: 2,
    paddingBottom: 2,
  },
  score: { whiteSpace: 'nowrap' },
}));

/** @public */
export interface RiskMatrixProps {
  risks: ScoredRiskResult[];
}

/**
 * The risk register as a likelihood × impact grid: each threat in its cell, the cell shaded by the
 * rating of the risks in it; and the register with scores and mitigations.
 *
 * @public
 */
export function RiskMatrix(props: RiskMatrixProps) {
  const { risks } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const readable = useReadableStyles();
  const inCell = (likelihood: Level, impact: Level) =>
    risks.filter(r => r.likelihood === likelihood && r.impact === impact);

  return (
    <InfoCard
      title="Risk register"
      subheader="Likelihood × impact, each scored low 1, medium 2, high 3"
    >
      {risks.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No risks are assessed. Declare them under
          spec.serviceDelivery.continuity.risks.
        </Typography>
      ) : (
        <>
          <Table
            size="small"
            className={classes.grid}
            aria-label="Likelihood by impact"
          >
            <TableHead>
              <TableRow>
                <TableCell className={classes.axis}>
                  Likelihood ↓ · Impact →
                </TableCell>
                {impacts.map(impact => (
                  <TableCell key={impact} className={classes.axis}>
                    {levelLabels[impact]}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {likelihoods.map(likelihood => (
                <TableRow key={likelihood}>
                  <TableCell className={classes.axis}>
                    {levelLabels[likelihood]}
                  </TableCell>
                  {impacts.map(impact => {
                    const here = inCell(likelihood, impact);
                    const rating = here[0]?.rating;
                    return (
                      <TableCell
                        key={impact}
                        className={`${classes.cell} ${
                          rating ? classes[rating] : ''
                        }`}
                        aria-label={`${
                          levelLabels[likelihood]
                        } likelihood, ${levelLabels[impact].toLocaleLowerCase(
                          'en-US',
                        )} impact`}
                      >
                        <Box display="flex" flexWrap="wrap" gridGap={4}>
                          {here.map(risk => (
                            <Tooltip
                              key={risk.threat}
                              title={`Mitigation: ${risk.mitigation ?? 'none'}`}
                            >
                              <Chip
                                size="small"
                                label={risk.threat}
                                // focusable: the mitigation shows on focus too
                                tabIndex={0}
                                classes={{
                                  root: `${classes.chip} ${focus.ring}`,
                                  label: classes.chipLabel,
                                }}
                              />
                            </Tooltip>
                          ))}
                        </Box>
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box mt={2}>
            <Table size="small" aria-label="Risks">
              <TableHead>
                <TableRow>
                  <TableCell>Threat</TableCell>
                  <TableCell align="right">Score</TableCell>
                  <TableCell>Mitigation</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {risks.map(risk => (
                  <TableRow key={risk.threat}>
                    <TableCell>{risk.threat}</TableCell>
                    <TableCell align="right" className={classes.score}>
                      {risk.score} ({risk.rating})
                    </TableCell>
                    <TableCell>
                      {risk.mitigation ?? (
                        <Typography
                          variant="body2"
                          className={readable.errorText}
                        >
                          none
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        </>
      )}
    </InfoCard>
  );
}
