import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { CapacityResponse } from '@service-delivery/plugin-service-delivery-common';
import { useState } from 'react';
import { formatInstant } from '../../../dates';
import { formatSeconds } from '../../../format';
import { declaredTimezone, isCapacityAvailable } from '../../../predicates';
import { CapacityResourceChart } from '../CapacityResourceChart';
import { CapacityResourcesTable } from '../CapacityResourcesTable';
import { CapacitySamplesGuide } from '../CapacitySamplesGuide';
import { DeclareMetadataEmptyState } from '../../shared/DeclareMetadataEmptyState';
import { DemandGrowthPicker } from '../DemandGrowthPicker';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { TabHeader } from '../../shared/TabHeader';
import { ServiceDeliveryProblemsCard } from '../../cards/ServiceDeliveryProblemsCard';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

export const capacityExample = `spec:
  serviceDelivery:
    capacity:
      resources:
        - { name: cpu, unit: cores, capacity: 64, warning: 70, critical: 85 }
        - { name: storage, unit: GiB, capacity: 2048, warning: 75, critical: 90 }
`;

function CapacityFigures(props: { value: CapacityResponse; timezone: string }) {
  const { value, timezone } = props;
  return (
    <Grid container spacing={3}>
      {value.whatIf.growth !== 1 && (
        <Grid item xs={12}>
          <Alert severity="info">
            What if demand were {value.whatIf.growth} times what it is: the
            dates below follow the scaled trend; used, utilisation and status
            stay as measured.
          </Alert>
        </Grid>
      )}
      <CapacitySamplesGuide value={value} />
      <Grid item xs={12}>
        <CapacityResourcesTable
          resources={value.resources}
          timezone={timezone}
        />
      </Grid>
      {value.resources.map(resource => (
        <Grid item xs={12} md={6} key={resource.name}>
          <CapacityResourceChart
            resource={resource}
            growth={value.whatIf.growth}
            timezone={timezone}
          />
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The Capacity tab of an entity: each resource's utilisation against its thresholds, the trend of
 * its demand and when it crosses warning, critical and full, with what-if modelling of growth.
 *
 * @public
 */
export function CapacityContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { entity } = useEntity();
  const [growth, setGrowth] = useState(1);
  const declared = isCapacityAvailable(entity);
  const capacity = useServiceDeliveryResource(
    (api, entityRef) =>
      api.getCapacity(entityRef, growth === 1 ? {} : { growth }),
    [growth],
    { declared },
  );
  const value = capacity.value;
  const timezone = declaredTimezone(entity);

  return (
    <Grid
      container
      spacing={3}
      className={`${focus.controls} ${tableText.words}`}
    >
      <Grid item xs={12}>
        <TabHeader
          title="Capacity"
          subtitle={
            value && (
              <>
                As of {formatInstant(value.asOf, timezone)} · trend over the
                last {formatSeconds(value.window)}
              </>
            )
          }
          actions={
            declared && (
              <DemandGrowthPicker growth={growth} onChange={setGrowth} />
            )
          }
        />
      </Grid>
      <ServiceDeliveryProblemsCard variant="gridItem" />
      <Grid item xs={12}>
        <ResourceView
          resource={capacity}
          undeclared={
            <DeclareMetadataEmptyState
              title="No capacity declared"
              description="This entity declares no capacity resources, so there is nothing to measure usage against."
              example={capacityExample}
            />
          }
        >
          {figures => <CapacityFigures value={figures} timezone={timezone} />}
        </ResourceView>
      </Grid>
    </Grid>
  );
}
