import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CostResponse,
  entityDisplayName,
} from '@service-delivery/plugin-service-delivery-common';
import { useState } from 'react';
import {
  formatAmount,
  formatUnitCost,
  formatVariance,
} from '../../../formatCost';
import { costRecord, ingestCall } from '../../../ingestExamples';
import { isCostAvailable } from '../../../predicates';
import { ChargebackTable } from '../ChargebackTable';
import { CostRangePicker, costRangeOf } from '../CostRangePicker';
import { DeclareMetadataEmptyState } from '../../shared/DeclareMetadataEmptyState';
import { EmptyStateGuide } from '../../shared/EmptyStateGuide';
import { FocusExportButtons } from '../../shared/FocusExportButtons';
import { FullyLoadedCostCard } from '../FullyLoadedCostCard';
import { KpiTileRow } from '../../shared/KpiTile';
import { MonthlyCostChart } from '../MonthlyCostChart';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { TabHeader } from '../../shared/TabHeader';
import { formatMonths } from '../../../dates';
import { ServiceDeliveryProblemsCard } from '../../cards/ServiceDeliveryProblemsCard';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

export const costExample = `spec:
  serviceDelivery:
    cost:
      costCenter: CC-4711
      currency: EUR
      budget: { monthly: 42000 }      # or { annual: 500000 }
      chargingPolicy: cost-recovery
      chargeback:                     # shares sum to 100
        - { consumer: group:retail-banking, share: 60 }
        - { consumer: group:corporate-banking, share: 40 }
      unit: { name: transaction }     # sli: <objective> counts the units
`;

export const noCostPermissionMessage =
  "You don't have permission to read cost data (service-delivery.cost.read)";

function isForbidden(error: Error): boolean {
  return (error as { statusCode?: number }).statusCode === 403;
}

function KpiTiles(props: { value: CostResponse }) {
  const { value } = props;
  const { currency, forecast, unit, fullyLoaded } = value;
  const last = value.months.find(m => m.month === value.lastCompleteMonth);
  const money = (amount: number | null | undefined) =>
    formatAmount(amount, currency, 0);
  const tiles = [
    {
      label: `Months shown`,
      value: money(value.total),
      caption:
        value.budgetTotal === null
          ? 'no budget declared'
          : `budget ${money(value.budgetTotal)} · ${formatVariance(
              value.varianceTotal,
              currency,
              0,
            )}`,
      description: `Actuals for ${formatMonths(value.from, value.to)}`,
    },
    {
      label: 'Last month',
      value: money(last?.total),
      caption: last
        ? `${last.month} · ${formatVariance(last.variance, currency, 0)}`
        : 'no complete month shown',
      description: 'Actual − budget: positive is over budget',
    },
    {
      label: 'Year-end forecast',
      value: money(value.forecastYearEnd),
      caption: forecast
        ? `${forecast.year} budget ${money(forecast.budget)} · ${formatVariance(
            forecast.variance,
            currency,
            0,
          )}`
        : 'no recent costs to forecast from',
      description: forecast
        ? `The actuals of ${forecast.year}'s complete months (${money(
            forecast.actualToDate,
          )}) plus the run rate, the average of ${forecast.runRateMonths.join(
            ', ',
          )} (${money(forecast.runRate)}), for each of the ${
            forecast.remainingMonths
          } months left`
        : undefined,
    },
    {
      label: 'Unit cost',
      value: formatUnitCost(value.unitCost, currency),
      caption: unit
        ? `per ${unit.name}${unit.month ? ` in ${unit.month}` : ''}`
        : 'no unit of demand declared',
      description: unit?.sli
        ? `The month's cost over the good events of ${unit.sli}`
        : 'Declare cost.unit with the SLI that counts demand',
    },
    ...(fullyLoaded
      ? [
          {
            label: 'Fully loaded',
            value: money(fullyLoaded.total),
            caption: `own ${money(fullyLoaded.own)} + platforms ${money(
              fullyLoaded.shared,
            )}`,
            description:
              'The cost of the months shown with the share of the platforms it depends on',
          },
        ]
      : []),
  ];
  return <KpiTileRow tiles={tiles} />;
}

function RollUpCard(props: {
  rollUp: NonNullable<CostResponse['rollUp']>;
  currency: string;
}) {
  const { rollUp, currency } = props;
  const levels = { system: 'system', domain: 'domain', owner: 'group' };
  return (
    <InfoCard
      title="What it adds up"
      subheader={`The costs of every part of this ${levels[rollUp.level]}`}
    >
      <Box overflow="auto">
        <Table size="small" aria-label="Parts">
          <TableHead>
            <TableRow>
              <TableCell>Part</TableCell>
              <TableCell align="right">Actual</TableCell>
              <TableCell align="right">Budget</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rollUp.parts.map(part => (
              <TableRow key={part.entityRef}>
                <TableCell>
                  <EntityRefLink entityRef={part.entityRef} />
                </TableCell>
                <TableCell align="right">
                  {formatAmount(part.total, currency)}
                </TableCell>
                <TableCell align="right">
                  {formatAmount(part.budget, currency)}
                  {part.budgetHeldBy && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      {`within ${entityDisplayName(
                        part.budgetHeldBy,
                      )}'s budget`}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
}

/** Above the figures of a service that has no cost line in the months shown: how lines arrive. */
function CostLinesGuide(props: { value: CostResponse }) {
  const { value } = props;
  return (
    <EmptyStateGuide
      title={`No cost lines for ${formatMonths(value.from, value.to)}`}
      explanation={
        <>
          The actuals, the forecast, chargeback and unit cost are all sums of
          cost lines: the cost of one month and one category. None have arrived
          for these months, so only the budget shows. Finance exports are
          imported with <code>service-delivery-import-costs</code>; any other
          tool sends one record per month and category:
        </>
      }
      code={ingestCall('costs', [
        costRecord(value.entityRef, value.to, value.currency),
      ])}
      language="bash"
      readme="ingest"
    />
  );
}

function CostFigures(props: { value: CostResponse }) {
  const { value } = props;
  // a system, domain or group adds up its parts: their tabs say what to send
  const noCostLines =
    value.rollUp === null && value.months.every(month => month.total === null);
  return (
    <Grid container spacing={3}>
      {value.warnings.map(warning => (
        <Grid item xs={12} key={warning}>
          <Alert severity="warning">{warning}</Alert>
        </Grid>
      ))}
      {noCostLines && (
        <Grid item xs={12}>
          <CostLinesGuide value={value} />
        </Grid>
      )}
      <Grid item xs={12}>
        <KpiTiles value={value} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Cost per month"
          subheader={`Actuals by category in ${value.currency}; the dashed line is the budget`}
        >
          <MonthlyCostChart
            months={value.months}
            categories={value.categories}
            currency={value.currency}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChargebackTable
          chargeback={value.chargeback}
          currency={value.currency}
          rangeLabel={formatMonths(value.from, value.to)}
          lastCompleteMonth={value.lastCompleteMonth}
          chargingPolicy={value.chargingPolicy}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        {value.fullyLoaded && (
          <FullyLoadedCostCard
            fullyLoaded={value.fullyLoaded}
            currency={value.currency}
          />
        )}
        {value.rollUp && (
          <RollUpCard rollUp={value.rollUp} currency={value.currency} />
        )}
      </Grid>
    </Grid>
  );
}

/**
 * The Cost tab of an entity: cost per month and category against the budget, the year-end
 * forecast, chargeback, unit cost and the fully loaded cost. Cost data needs its own permission.
 *
 * @public
 */
export function CostContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { entity } = useEntity();
  const [range, setRange] = useState('');
  const declared = isCostAvailable(entity);
  const cost = useServiceDeliveryResource(
    (api, entityRef) => api.getCost(entityRef, costRangeOf(range)),
    [range],
    { declared },
  );
  const value = cost.value;

  return (
    <Grid
      container
      spacing={3}
      className={`${focus.controls} ${tableText.words}`}
    >
      <Grid item xs={12}>
        <TabHeader
          title="Cost"
          subtitle={
            value && (
              <>
                {formatMonths(value.from, value.to)} in {value.currency}
                {value.costCenter && ` · cost center ${value.costCenter}`}
              </>
            )
          }
          actions={
            declared && (
              <Box display="flex" alignItems="center" gridGap={16}>
                {value && <FocusExportButtons range={costRangeOf(range)} />}
                <CostRangePicker value={range} onChange={setRange} />
              </Box>
            )
          }
        />
      </Grid>
      <ServiceDeliveryProblemsCard variant="gridItem" />
      <Grid item xs={12}>
        <ResourceView
          resource={cost}
          undeclared={
            <DeclareMetadataEmptyState
              title="No cost declared"
              description="This entity declares no cost metadata: no budget to compare with, nobody to charge back to."
              example={costExample}
            />
          }
          renderError={error =>
            isForbidden(error) ? (
              <Alert severity="info">{noCostPermissionMessage}</Alert>
            ) : undefined
          }
        >
          {figures => <CostFigures value={figures} />}
        </ResourceView>
      </Grid>
    </Grid>
  );
}
