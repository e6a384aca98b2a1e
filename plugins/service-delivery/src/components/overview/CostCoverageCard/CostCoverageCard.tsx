import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  CostCoverage,
  UnattributedCostsResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { lazy, Suspense } from 'react';
import { ServiceDeliveryApi, serviceDeliveryApiRef } from '../../../api';
import { formatAmount } from '../../../formatCost';
import { useBelowFirstView } from '../../../usePaintedOnce';
import { sharedRequest, useRequest } from '../../../useRequest';

/** @public */
export interface CostCoverageCardProps {
  /** The portfolio: what a group owns, a system or domain contains; every service without it. */
  scope?: { owner?: string[]; system?: string[]; domain?: string[] };
}

/** The card's data, as it asks for it (shared with a page that asked first). */
export function requestCostCoverage(
  api: ServiceDeliveryApi,
  scope: CostCoverageCardProps['scope'],
) {
  return sharedRequest(
    api,
    JSON.stringify(['cost coverage', scope ?? {}]),
    async () => {
      const coverage = await api.getCostCoverage({ ...scope });
      let unattributed: UnattributedCostsResponse | null = null;
      if (coverage.unattributed !== null) {
        // the coverage carries the lines; a backend older than that is asked for them
        unattributed = coverage.unattributedLines
          ? {
              month: coverage.month,
              totals: coverage.unattributed,
              lines: coverage.unattributedLines,
            }
          : await api.getUnattributedCosts(coverage.month);
      }
      return { coverage, unattributed };
    },
  );
}

const PARTS = [
  { key: 'allocated', label: 'Allocated to services' },
  { key: 'shared', label: 'Shared platforms' },
  { key: 'unattributed', label: 'Unattributed' },
] as const;

function CoverageBar(props: { coverage: CostCoverage }) {
  const { coverage } = props;
  const theme = useTheme();
  const colours = {
    allocated: theme.palette.primary.main,
    shared: theme.palette.info.main,
    unattributed: theme.palette.warning.main,
  };
  return (
    <Box mb={2}>
      <Box
        display="flex"
        height={12}
        borderRadius={4}
        overflow="hidden"
        bgcolor={theme.palette.action.hover}
        aria-hidden
      >
        {coverage.shares &&
          PARTS.map(part => (
            <Box
              key={part.key}
              width={`${coverage.shares![part.key]}%`}
              bgcolor={colours[part.key]}
            />
          ))}
      </Box>
      <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 24 }}>
        {PARTS.map(part => (
          <Box key={part.key}>
            <Typography variant="caption" color="textSecondary">
              {part.label}
            </Typography>
            <Typography variant="body1">
              {formatAmount(coverage[part.key], coverage.currency)}
              {coverage.shares ? ` (${coverage.shares[part.key]} %)` : ''}
            </Typography>
          </Box>
        ))}
        <Box>
          <Typography variant="caption" color="textSecondary">
            Total
          </Typography>
          <Typography variant="body1">
            {formatAmount(coverage.total, coverage.currency)}
          </Typography>
        </Box>
      </Box>
    </Box>
  );
}

// the lines' table (material-table) is loaded apart: the first view of the tabs this card sits
// under does not need it
const UnattributedLinesTable = lazy(() =>
  import('./UnattributedLinesTable').then(m => ({
    default: m.UnattributedLinesTable,
  })),
);

/**
 * How much of a month's spend is attributed: allocated to services, on shared platforms others
 * depend on, and — organisation-wide — cost lines that named no service the catalog knows, listed
 * for finance to map.
 *
 * @public
 */
export function CostCoverageCard(props: CostCoverageCardProps) {
  const { scope } = props;
  const api = useApi(serviceDeliveryApiRef);
  const { value, loading, error } = useRequest(
    () => requestCostCoverage(api, scope),
    [api, JSON.stringify(scope ?? {})],
  );
  // asked for at once, shown in the frame after the overview's figures
  const belowShown = useBelowFirstView();
  if (!belowShown) return null;
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  const { coverage, unattributed } = value;
  const elsewhere =
    coverage.scope === 'filtered' ? coverage.unattributed ?? [] : [];
  return (
    <InfoCard
      title="Cost-attribution coverage"
      subheader={`${coverage.month}: how much of the spend is attributed to services`}
    >
      {coverage.coverage.length === 0 ? (
        <Typography variant="body2">
          No spend you may read is recorded for {coverage.month}.
        </Typography>
      ) : (
        coverage.coverage.map(part => (
          <CoverageBar key={part.currency} coverage={part} />
        ))
      )}
      {elsewhere.map(total => (
        <Typography key={total.currency} variant="body2" color="textSecondary">
          {formatAmount(total.amount, total.currency)} in {total.lines}{' '}
          unattributed line(s) across the organisation belong to no group,
          system or domain, so they are not in these shares.
        </Typography>
      ))}
      {unattributed && unattributed.lines.length > 0 && (
        <Box mt={2}>
          <Suspense fallback={<Progress />}>
            <UnattributedLinesTable lines={unattributed.lines} />
          </Suspense>
        </Box>
      )}
    </InfoCard>
  );
}
