import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { AvailabilityResponse } from '@service-delivery/plugin-service-delivery-common';
import { formatCount, formatPercent, formatSeconds } from '../../../format';
import { declaredTimezone, isAvailabilityAvailable } from '../../../predicates';
import { AvailabilityHistoryChart } from '../AvailabilityHistoryChart';
import { CompositeAvailabilityCard } from '../CompositeAvailabilityCard';
import { DeclareMetadataEmptyState } from '../../shared/DeclareMetadataEmptyState';
import { IncidentsGuide } from '../../shared/IncidentsGuide';
import { IncidentsTable } from '../../shared/IncidentsTable';
import { KpiTileRow } from '../../shared/KpiTile';
import { MaintenanceWindowsCard } from '../MaintenanceWindowsCard';
import { OutageAnalysisCard } from '../OutageAnalysisCard';
import { PeriodHeader } from '../../shared/PeriodHeader';
import { usePeriodParam } from '../../shared/PeriodPicker';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { ServiceDeliveryProblemsCard } from '../../cards/ServiceDeliveryProblemsCard';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

export const availabilityExample = `spec:
  serviceDelivery:
    serviceHours:               # the agreed service time
      timezone: Europe/London
      schedule: 24x7            # or weekly: [{ days: [mon, tue, wed, thu, fri], from: '08:00', to: '18:00' }]
      maintenance:              # planned windows: not downtime, not agreed time
        - { days: [sun], from: '02:00', to: '04:00' }
    agreements:
      - name: retail-sla
        type: SLA
        customer: group:retail-banking
        objectives:
          - { name: availability, kind: availability, target: 99.95 }
`;

function KpiTiles(props: { value: AvailabilityResponse }) {
  const { value } = props;
  const tiles = [
    {
      label: value.agreed ? 'Measured availability' : 'Availability',
      value: formatPercent(value.availability),
      caption:
        value.target === null
          ? 'no target agreed'
          : `target ${formatPercent(value.target)}`,
      status: value.status,
      description: '(agreed service time − downtime) / agreed service time',
    },
    // beside the measured figure, what each agreement counts once its SLA corrections apply
    ...(value.agreed ?? []).map(agreed => ({
      label: `Agreed availability · ${agreed.agreement}`,
      value: formatPercent(agreed.availability),
      caption: `${agreed.corrections} SLA correction${
        agreed.corrections === 1 ? '' : 's'
      } applied; downtime ${formatSeconds(agreed.downtime)}`,
      description:
        'As the agreement counts it: without the incidents and intervals its corrections exclude',
    })),
    {
      label: 'Agreed service time',
      value: formatSeconds(value.agreedServiceTime),
      caption: `in ${value.timezone}`,
      description:
        'The service hours in this period, less the maintenance windows',
    },
    {
      label: 'Downtime',
      value: formatSeconds(value.downtime),
      description:
        'Outages within agreed service time; overlapping incidents count once',
    },
    {
      label: 'Failures',
      value: formatCount(value.failures),
      description: 'Distinct outages within agreed service time',
    },
    {
      label: 'MTBF',
      value: formatSeconds(value.mtbf),
      caption: 'mean time between failures',
      description: 'Time in service per failure: uptime / failures',
    },
    {
      label: 'MTRS',
      value: formatSeconds(value.mtrs),
      caption: 'mean time to restore service',
      description: 'Downtime per failure',
    },
    {
      label: 'MTBSI',
      value: formatSeconds(value.mtbsi),
      caption: 'mean time between system incidents',
      description: 'Agreed service time per failure (MTBF + MTRS)',
    },
  ];
  return <KpiTileRow tiles={tiles} widths={{ xs: 12, sm: 6, md: 3 }} />;
}

function AvailabilityFigures(props: { value: AvailabilityResponse }) {
  const { value } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <KpiTiles value={value} />
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Availability per period"
          subheader="The dashed line is the agreed target"
        >
          <AvailabilityHistoryChart
            history={value.history}
            target={value.target}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <CompositeAvailabilityCard
          composite={value.composite}
          target={value.target}
        />
      </Grid>
      <Grid item xs={12}>
        {value.incidents.length === 0 ? (
          <IncidentsGuide entityRef={value.entityRef} period={value.period} />
        ) : (
          <IncidentsTable
            title="Outages"
            subtitle="Longest downtime in agreed service time first"
            incidents={value.incidents}
            timezone={value.timezone}
          />
        )}
      </Grid>
      <Grid item xs={12} md={8}>
        <OutageAnalysisCard
          analysis={value.outageAnalysis}
          timezone={value.timezone}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <MaintenanceWindowsCard
          windows={value.maintenance}
          timezone={value.timezone}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The Availability tab of an entity: availability against target, the ITIL availability measures,
 * outages and where the minutes went, and the ceiling the dependencies put on availability.
 *
 * @public
 */
export function AvailabilityContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { entity } = useEntity();
  const [period, setPeriod] = usePeriodParam();
  const availability = useServiceDeliveryResource(
    (api, entityRef) => api.getAvailability(entityRef, period),
    [period],
    { declared: isAvailabilityAvailable(entity) },
  );

  return (
    <Grid
      container
      spacing={3}
      className={`${focus.controls} ${tableText.words}`}
    >
      <Grid item xs={12}>
        <PeriodHeader
          title="Availability"
          range={availability.value?.period}
          timezone={availability.value?.timezone ?? declaredTimezone(entity)}
          period={period}
          onPeriodChange={setPeriod}
        />
      </Grid>
      {/* The availability answer carries no metadata problems: they come from the entity route. */}
      <ServiceDeliveryProblemsCard variant="gridItem" />
      <Grid item xs={12}>
        <ResourceView
          resource={availability}
          undeclared={
            <DeclareMetadataEmptyState
              title="No availability declared"
              description="This entity declares neither service hours nor an availability objective, so there is no agreed service time to measure."
              example={availabilityExample}
            />
          }
        >
          {value => <AvailabilityFigures value={value} />}
        </ResourceView>
      </Grid>
    </Grid>
  );
}
