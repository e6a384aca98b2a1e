import { PeriodRange } from '@service-delivery/plugin-service-delivery-common';
import {
  incidentRecord,
  ingestCall,
  lastWholeHourBefore,
} from '../../../ingestExamples';
import { EmptyStateGuide } from '../EmptyStateGuide';

/** @public */
export interface IncidentsGuideProps {
  entityRef: string;
  period: PeriodRange;
}

/**
 * In place of an empty incidents table: no incidents may mean nothing failed, or that nobody sends
 * them. Says both, and how an incident arrives.
 *
 * @public
 */
export function IncidentsGuide(props: IncidentsGuideProps) {
  const { entityRef, period } = props;
  return (
    <EmptyStateGuide
      title="No incidents recorded in this period"
      explanation={
        <>
          Downtime is counted from incidents. With none recorded for{' '}
          {period.label}, all of the agreed service time counts as available
          (100 %). That is right if nothing failed; if something did, its
          incidents have not reached Service Delivery. The incident tool sends
          each incident when it opens and again when it is resolved (the same{' '}
          <code>source</code> and <code>id</code> update it):
        </>
      }
      code={ingestCall('incidents', [
        incidentRecord(entityRef, lastWholeHourBefore(period.measuredUntil)),
      ])}
      language="bash"
      readme="ingest"
    />
  );
}
