import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { CapacityResponse } from '@service-delivery/plugin-service-delivery-common';
import { formatNames as names } from '../../../format';
import {
  capacityRecord,
  ingestCall,
  prometheusConfig,
} from '../../../ingestExamples';
import { declaredResourceQueries } from '../../../predicates';
import { EmptyStateGuide } from '../../shared/EmptyStateGuide';

/** @public */
export interface CapacitySamplesGuideProps {
  value: CapacityResponse;
}

/**
 * Above the resources when some have no samples: the samples to send for each, or, for a resource
 * that declares PromQL, what the Prometheus provider needs to pull them.
 *
 * @public
 */
export function CapacitySamplesGuide(props: CapacitySamplesGuideProps) {
  const { value } = props;
  const { entity } = useEntity();
  const withoutData = value.resources
    .filter(resource => resource.status === 'no-data')
    .map(resource => ({
      resource,
      queries: declaredResourceQueries(entity, resource.name),
    }));
  const pushed = withoutData.filter(r => !r.queries).map(r => r.resource);
  const pulled = withoutData.flatMap(r =>
    r.queries ? [{ name: r.resource.name, queries: r.queries }] : [],
  );
  return (
    <>
      {pushed.length > 0 && (
        <Grid item xs={12}>
          <EmptyStateGuide
            title={`No samples for ${names(pushed.map(r => r.name))}`}
            explanation={
              <>
                Usage, trend and the dates it crosses its thresholds come from
                samples: how much of the resource was used at an instant. None
                have arrived, so there is nothing to compare with the declared
                capacity. The monitoring sends one record per resource and
                instant (<code>capacity</code> in a record overrides the
                declared one from then on):
              </>
            }
            code={ingestCall(
              'capacity',
              pushed.map(resource =>
                capacityRecord(
                  value.entityRef,
                  resource.name,
                  value.asOf,
                  Math.round(resource.capacity / 2),
                ),
              ),
            )}
            language="bash"
            readme="ingest"
          />
        </Grid>
      )}
      {pulled.length > 0 && (
        <Grid item xs={12}>
          <EmptyStateGuide
            title={`No samples from Prometheus for ${names(
              pulled.map(r => r.name),
            )}`}
            explanation={
              <>
                {pulled.length === 1
                  ? 'This resource declares its PromQL'
                  : 'These resources declare their PromQL'}
                , so the Prometheus provider pulls the samples, and none have
                arrived. The backend must install{' '}
                <code>
                  @service-delivery/plugin-service-delivery-backend-module-prometheus
                </code>{' '}
                and set <code>serviceDelivery.prometheus.baseUrl</code>; a query
                it refuses or Prometheus fails is logged, naming the entity and
                the resource.
              </>
            }
            code={prometheusConfig(pulled)}
            language="yaml"
            readme="prometheus"
          />
        </Grid>
      )}
    </>
  );
}
