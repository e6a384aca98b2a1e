import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  AvailabilityResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../api';
import { formatBudgetAmount, formatPercent, formatShare } from '../../format';
import { isAvailabilityAvailable } from '../../predicates';
import { StatusChip } from '../StatusChip';

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

function AgreementsSummary(props: { value: SlaResponse }) {
  const { agreements } = props.value;
  if (agreements.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No agreements declared.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Agreements">
      <TableBody>
        {agreements.map(agreement => (
          <TableRow key={agreement.name}>
            <TableCell style={{ verticalAlign: 'top' }}>
              <Box display="flex" alignItems="center" gridGap={8}>
                <Chip size="small" color="primary" label={agreement.type} />
                <Typography variant="body2">{agreement.name}</Typography>
                <StatusChip status={agreement.status} />
              </Box>
            </TableCell>
            <TableCell>
              {agreement.objectives.map(objective => (
                <Box
                  key={objective.name}
                  display="flex"
                  justifyContent="space-between"
                  gridGap={8}
                >
                  <Typography variant="body2">{objective.name}</Typography>
                  <Typography variant="body2" color="textSecondary">
                    {formatShare(objective.errorBudget.remainingShare)} budget
                    left (
                    {formatBudgetAmount(
                      objective.errorBudget.remaining,
                      objective.errorBudget.unit,
                    )}
                    )
                  </Typography>
                </Box>
              ))}
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
  const { variant } = props;
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const withAvailability = isAvailabilityAvailable(entity);
  const { value, loading, error } = useAsync(async () => {
    const [sla, availability] = await Promise.all([
      api.getSla(entityRef),
      withAvailability ? api.getAvailability(entityRef) : undefined,
    ]);
    return { sla, availability };
  }, [api, entityRef, withAvailability]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    content = (
      <>
        {value.availability && (
          <AvailabilitySummary value={value.availability} />
        )}
        {value.sla.problems.length > 0 && (
          <Typography variant="body2" color="error" paragraph>
            The service delivery metadata has {value.sla.problems.length}{' '}
            problem{value.sla.problems.length === 1 ? '' : 's'}.
          </Typography>
        )}
        <Divider />
        <AgreementsSummary value={value.sla} />
      </>
    );
  }

  return (
    <InfoCard
      title="Service delivery"
      subheader={value ? `Period ${value.sla.period.label}` : undefined}
      variant={variant}
    >
      {content}
    </InfoCard>
  );
}
