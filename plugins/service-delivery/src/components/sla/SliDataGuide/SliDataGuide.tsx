import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import {
  AgreementResult,
  PeriodRange,
} from '@service-delivery/plugin-service-delivery-common';
import { formatNames as names } from '../../../format';
import {
  ingestCall,
  lastWholeHourBefore,
  prometheusConfig,
  sliRecord,
} from '../../../ingestExamples';
import { declaredObjectiveQueries } from '../../../predicates';
import { EmptyStateGuide } from '../../shared/EmptyStateGuide';

/** @public */
export interface SliDataGuideProps {
  entityRef: string;
  agreement: AgreementResult;
  period: PeriodRange;
}

/**
 * Under an agreement whose ratio or latency objectives have no SLI buckets in the period: the
 * buckets to send for each, or, for an objective that declares PromQL, what the Prometheus
 * provider needs to pull them. Availability objectives are measured from incidents instead.
 *
 * @public
 */
export function SliDataGuide(props: SliDataGuideProps) {
  const { entityRef, agreement, period } = props;
  const { entity } = useEntity();
  const withoutData = agreement.objectives
    .filter(o => o.status === 'no-data' && o.kind !== 'availability')
    .map(o => ({
      name: o.name,
      queries: declaredObjectiveQueries(entity, agreement.name, o.name),
    }));
  const pushed = withoutData.filter(o => !o.queries).map(o => o.name);
  const pulled = withoutData.flatMap(o =>
    o.queries ? [{ name: o.name, queries: o.queries }] : [],
  );
  const bucketStart = lastWholeHourBefore(period.measuredUntil);
  return (
    <>
      {pushed.length > 0 && (
        <Box mt={2}>
          <EmptyStateGuide
            title={`No SLI data for ${names(pushed)} in ${period.label}`}
            explanation={
              <>
                {pushed.length === 1
                  ? 'This objective is'
                  : 'These objectives are'}{' '}
                measured from SLI buckets: the good and the total events of each
                time bucket. None have arrived for {period.label}, so there is
                no figure and no error budget to show. For a latency objective,
                good events are those within its threshold. The monitoring sends
                one record per objective and bucket:
              </>
            }
            code={ingestCall(
              'sli',
              pushed.map(name => sliRecord(entityRef, name, bucketStart)),
            )}
            language="bash"
            readme="ingest"
          />
        </Box>
      )}
      {pulled.length > 0 && (
        <Box mt={2}>
          <EmptyStateGuide
            title={`No SLI data from Prometheus for ${names(
              pulled.map(o => o.name),
            )} in ${period.label}`}
            explanation={
              <>
                {pulled.length === 1
                  ? 'This objective declares its PromQL'
                  : 'These objectives declare their PromQL'}
                , so the Prometheus provider pulls its SLI buckets, and none
                have arrived for {period.label}. The backend must install{' '}
                <code>
                  @service-delivery/plugin-service-delivery-backend-module-prometheus
                </code>{' '}
                and set <code>serviceDelivery.prometheus.baseUrl</code>; a query
                it refuses or Prometheus fails is logged, naming the entity and
                the objective.
              </>
            }
            code={prometheusConfig(pulled)}
            language="yaml"
            readme="prometheus"
          />
        </Box>
      )}
    </>
  );
}
