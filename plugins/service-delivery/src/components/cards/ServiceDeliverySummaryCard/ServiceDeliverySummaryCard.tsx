import { InfoCard, InfoCardVariants, Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  AvailabilityResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { Fragment } from 'react';
import {
  formatBudgetAmount,
  formatPercent,
  formatShare,
} from '../../../format';
import { readmeSections, readmeSectionUrl } from '../../../docs';
import { isAvailabilityAvailable } from '../../../predicates';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { StatusChip } from '../../shared/StatusChip';
import { useReadableStyles } from '../../../contrast';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

function AvailabilitySummary(props: { value: AvailabilityResponse }) {
  const { value } = props;
  return (
    <Box
      display="flex"
      alignItems="baseline"
      flexWrap="wrap"
      gridGap={8}
      mb={2}
    >
      <Typography variant="h4" component="span">
        {formatPercent(value.availability)}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="span">
        available
        {value.target !== null && ` · target ${formatPercent(value.target)}`}
      </Typography>
      <StatusChip status={value.status} />
    </Box>
  );
}

const useStyles = makeStyles((theme: Theme) => ({
  agreement: {
    verticalAlign: 'top',
    padding: theme.spacing(1, 0),
  },
  objectives: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.25),
    marginTop: theme.spacing(0.5),
  },
  objective: {
    overflowWrap: 'break-word',
  },
  figure: {
    whiteSpace: 'nowrap',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
}));

function AgreementsSummary(props: { value: SlaResponse }) {
  const { agreements } = props.value;
  const classes = useStyles();
  if (agreements.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No agreements declared. How to declare them under{' '}
        <code>spec.serviceDelivery</code>:{' '}
        <Link to={readmeSectionUrl('declaring')}>
          {readmeSections.declaring.label}
        </Link>
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Agreements">
      <TableBody>
        {agreements.map(agreement => (
          <TableRow key={agreement.name}>
            <TableCell className={classes.agreement}>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                gridGap={8}
              >
                <Chip size="small" color="primary" label={agreement.type} />
                <Typography variant="subtitle2" component="span">
                  {agreement.name}
                </Typography>
                <StatusChip status={agreement.status} />
              </Box>
              <Box className={classes.objectives}>
                {agreement.objectives.map(objective => (
                  <Fragment key={objective.name}>
                    <Typography variant="body2" className={classes.objective}>
                      {objective.name}
                    </Typography>
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      className={classes.figure}
                    >
                      {formatShare(objective.errorBudget.remainingShare)} budget
                      left (
                      {formatBudgetAmount(
                        objective.errorBudget.remaining,
                        objective.errorBudget.unit,
                      )}
                      )
                    </Typography>
                  </Fragment>
                ))}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** @public */
export interface ServiceDeliverySummaryCardProps {
  variant?: InfoCardVariants;
}

/**
 * The entity's service delivery at a glance, for its overview page: this period's availability
 * against target, each agreement's status, and how much error budget each objective has left.
 *
 * @public
 */
export function ServiceDeliverySummaryCard(
  props: ServiceDeliverySummaryCardProps,
) {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { variant } = props;
  const readable = useReadableStyles();
  const { entity } = useEntity();
  const withAvailability = isAvailabilityAvailable(entity);
  const summary = useServiceDeliveryResource(
    async (api, entityRef) => {
      const [sla, availability] = await Promise.all([
        api.getSla(entityRef),
        withAvailability ? api.getAvailability(entityRef) : undefined,
      ]);
      return { sla, availability };
    },
    [withAvailability],
  );

  return (
    <InfoCard
      className={`${focus.controls} ${tableText.words}`}
      title="Service delivery"
      subheader={
        summary.value ? `Period ${summary.value.sla.period.label}` : undefined
      }
      variant={variant}
    >
      <ResourceView resource={summary}>
        {value => (
          <>
            {value.availability && (
              <AvailabilitySummary value={value.availability} />
            )}
            {value.sla.problems.length > 0 && (
              <Typography
                variant="body2"
                className={readable.errorText}
                paragraph
              >
                The service delivery metadata has {value.sla.problems.length}{' '}
                problem{value.sla.problems.length === 1 ? '' : 's'}.
              </Typography>
            )}
            <Divider />
            <AgreementsSummary value={value.sla} />
          </>
        )}
      </ResourceView>
    </InfoCard>
  );
}
