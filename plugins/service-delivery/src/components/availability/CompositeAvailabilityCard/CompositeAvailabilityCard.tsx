import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { AvailabilityResponse } from '@service-delivery/plugin-service-delivery-common';
import { formatPercent } from '../../../format';

type Composite = AvailabilityResponse['composite'];

const useStyles = makeStyles((theme: Theme) => ({
  table: {
    '& th, & td': { padding: theme.spacing(0.75, 1) },
    '& th:first-child, & td:first-child': { paddingLeft: 0 },
    '& th:last-child, & td:last-child': { paddingRight: 0 },
  },
  // the dependency takes the room the figures do not need
  figure: {
    width: '1%',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
  // what the figure rests on, a word or two that may wrap: the card sits in a third of the page
  basis: {
    minWidth: theme.spacing(8),
  },
}));

const basisLabels: Record<
  Composite['limitingDependencies'][number]['basis'],
  string
> = {
  agreed: 'Agreed target',
  measured: 'Measured',
  unknown: 'Unknown',
};

/** The ceiling, or the range it lies in when it could only be bounded. */
function ceilingText(composite: Composite): string {
  if (!composite.exact && composite.bounds) {
    return `between ${formatPercent(composite.bounds.low)} and ${formatPercent(
      composite.bounds.high,
    )}`;
  }
  return formatPercent(composite.achievable);
}

/** @public */
export interface CompositeAvailabilityCardProps {
  composite: Composite;
  /** The agreed availability target, percent. */
  target: number | null;
}

/**
 * What the dependencies allow: the availability ceiling from `dependsOn` and `redundancy`, against the
 * agreed target, and the dependencies that hold it down.
 *
 * @public
 */
export function CompositeAvailabilityCard(
  props: CompositeAvailabilityCardProps,
) {
  const { composite, target } = props;
  const dependencies = composite.limitingDependencies;
  const classes = useStyles();
  return (
    <InfoCard
      title="Composite availability"
      subheader="The best availability the dependencies allow, assuming they fail independently"
    >
      <Grid container spacing={2}>
        {composite.unachievable && (
          <Grid item xs={12}>
            {composite.feasibility === 'uncertain' ? (
              <Alert severity="warning">
                <AlertTitle>The agreed target may be unachievable</AlertTitle>
                The target of {formatPercent(target)} lies within the range of
                what the dependencies can deliver ({ceilingText(composite)}):
                too many dependencies are shared to work it out exactly. Treat
                it as at risk: improve or add redundancy to the limiting
                dependencies, or renegotiate the target.
              </Alert>
            ) : (
              <Alert severity="warning">
                <AlertTitle>The agreed target is unachievable</AlertTitle>
                The target of {formatPercent(target)} is above what the
                dependencies can deliver ({ceilingText(composite)}). Improve or
                add redundancy to the limiting dependencies, or renegotiate the
                target.
              </Alert>
            )}
          </Grid>
        )}
        <Grid item xs={6}>
          <Typography variant="overline" color="textSecondary" component="div">
            Achievable ceiling
          </Typography>
          <Typography variant="h5">{ceilingText(composite)}</Typography>
          {!composite.exact && (
            <Typography variant="caption" color="textSecondary">
              Bounded, not exact: more dependencies are shared between redundant
              branches than are worked out exactly.
            </Typography>
          )}
        </Grid>
        <Grid item xs={6}>
          <Typography variant="overline" color="textSecondary" component="div">
            Agreed target
          </Typography>
          <Typography variant="h5">{formatPercent(target)}</Typography>
        </Grid>
        <Grid item xs={12}>
          {dependencies.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {composite.achievable === null
                ? 'No dependencies declared in spec.dependsOn.'
                : 'No dependency limits the availability.'}
            </Typography>
          ) : (
            <Box overflow="auto">
              <Table
                size="small"
                aria-label="Limiting dependencies"
                className={classes.table}
              >
                <TableHead>
                  <TableRow>
                    <TableCell>Limiting dependency</TableCell>
                    <TableCell align="right" className={classes.figure}>
                      Availability
                    </TableCell>
                    <TableCell className={classes.basis}>Basis</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {dependencies.map(dependency => (
                    <TableRow key={dependency.entityRef}>
                      <TableCell>
                        <EntityRefLink entityRef={dependency.entityRef} />
                      </TableCell>
                      <TableCell align="right" className={classes.figure}>
                        {formatPercent(dependency.availability)}
                      </TableCell>
                      <TableCell className={classes.basis}>
                        <Typography variant="body2" color="textSecondary">
                          {basisLabels[dependency.basis] ?? dependency.basis}
                        </Typography>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}
