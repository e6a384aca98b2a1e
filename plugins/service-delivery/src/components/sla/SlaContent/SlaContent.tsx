import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { SlaResponse } from '@service-delivery/plugin-service-delivery-common';
import { memo, useCallback, useState } from 'react';
import { declaredTimezone } from '../../../predicates';
import { AgreementCard } from '../AgreementCard';
import { DeclareMetadataEmptyState } from '../../shared/DeclareMetadataEmptyState';
import { IncidentsGuide } from '../../shared/IncidentsGuide';
import { IncidentsTable } from '../../shared/IncidentsTable';
import { MetadataProblemsPanel } from '../../shared/MetadataProblemsPanel';
import { PeriodHeader } from '../../shared/PeriodHeader';
import {
  ReleaseGateDecisionsTable,
  useReleaseGateDecisions,
} from '../ReleaseGateDecisionsCard/ReleaseGateDecisionsCard';
import { usePeriodParam } from '../../shared/PeriodPicker';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { SlaCorrectionsCard } from '../SlaCorrectionsCard';
import { useMayWriteData } from '../SlaCorrectionsCard/SlaCorrectionsCard';
import { SliDataGuide } from '../SliDataGuide';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';
import { usePaintedOnce } from '../../../usePaintedOnce';

export const agreementsExample = `spec:
  serviceDelivery:
    agreements:
      - name: retail-sla
        type: SLA               # SLA | OLA | UC
        customer: group:retail-banking
        period: month           # month | quarter | rolling-28d | rolling-30d
        effective: 2026-01-01
        objectives:
          - { name: availability, kind: availability, target: 99.95 }
          - { name: checkout-latency, kind: latency, threshold: 300ms, target: 99.0 }
        support:
          - { priority: P1, response: 15m, resolution: 4h }
`;

/**
 * What the first view shows: the metadata problems and each agreement. Rendered again only when
 * the figures change — not when the gate decisions or the permission to correct come in.
 */
const Agreements = memo(function AgreementsShown(props: {
  value: SlaResponse;
  timezone: string;
}) {
  const { value, timezone } = props;
  return (
    <>
      {value.problems.length > 0 && (
        <Grid item xs={12}>
          <MetadataProblemsPanel problems={value.problems} />
        </Grid>
      )}
      {value.agreements.map(agreement => (
        <Grid item xs={12} key={agreement.name}>
          <AgreementCard
            agreement={agreement}
            period={value.period}
            timezone={timezone}
          />
          <SliDataGuide
            entityRef={value.entityRef}
            agreement={agreement}
            period={value.period}
          />
        </Grid>
      ))}
    </>
  );
});

const Incidents = memo(function IncidentsShown(props: {
  value: SlaResponse;
  timezone: string;
}) {
  const { value, timezone } = props;
  return value.incidents.length === 0 ? (
    <IncidentsGuide entityRef={value.entityRef} period={value.period} />
  ) : (
    <IncidentsTable
      title="Incidents that consumed the budget"
      subtitle="Longest downtime in agreed service time first"
      incidents={value.incidents}
      timezone={timezone}
    />
  );
});

function SlaFigures(props: {
  value: SlaResponse;
  timezone: string;
  onCorrected(): void;
  gateDecisions: ReturnType<typeof useReleaseGateDecisions>;
  mayWrite: boolean;
}) {
  const { value, timezone } = props;
  // the incidents, corrections and gate decisions sit below the agreements, out of the first view
  const below = usePaintedOnce();
  if (value.agreements.length === 0) {
    return (
      <Grid container spacing={3}>
        {value.problems.length > 0 && (
          <Grid item xs={12}>
            <MetadataProblemsPanel problems={value.problems} />
          </Grid>
        )}
        <Grid item xs={12}>
          <DeclareMetadataEmptyState
            title="No agreements declared"
            description="This entity declares no service level agreements, so there are no targets to measure against."
            example={agreementsExample}
          />
        </Grid>
      </Grid>
    );
  }
  return (
    <Grid container spacing={3}>
      <Agreements value={value} timezone={timezone} />
      {below && (
        <>
          <Grid item xs={12}>
            <Incidents value={value} timezone={timezone} />
          </Grid>
          <Grid item xs={12}>
            <SlaCorrectionsCard
              corrections={value.corrections ?? []}
              agreements={value.agreements.map(agreement => agreement.name)}
              incidents={value.incidents}
              timezone={timezone}
              onChanged={props.onCorrected}
              mayWrite={props.mayWrite}
            />
          </Grid>
          <Grid item xs={12}>
            <ReleaseGateDecisionsTable
              timezone={timezone}
              decisions={props.gateDecisions}
            />
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * The SLA tab of an entity: per agreement its objectives, error budgets and support targets for the
 * chosen period, and the incidents that consumed the budget.
 *
 * @public
 */
export function SlaContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { entity } = useEntity();
  const [period, setPeriod] = usePeriodParam();
  // a correction added or removed changes the figures: read them again
  const [corrected, setCorrected] = useState(0);
  const onCorrected = useCallback(() => setCorrected(n => n + 1), []);
  const sla = useServiceDeliveryResource(
    (api, entityRef) => api.getSla(entityRef, period),
    [period, corrected],
  );
  // asked for at once, not once the figures have come
  const gateDecisions = useReleaseGateDecisions();
  const mayWrite = useMayWriteData(stringifyEntityRef(entity));
  // the zone the backend resolved the period in; the declared one until it answers
  const timezone = sla.value?.period.timezone ?? declaredTimezone(entity);

  return (
    <Grid
      container
      spacing={3}
      className={`${focus.controls} ${tableText.words}`}
    >
      <Grid item xs={12}>
        <PeriodHeader
          title="Service level agreements"
          range={sla.value?.period}
          timezone={timezone}
          period={period}
          onPeriodChange={setPeriod}
        />
      </Grid>
      <Grid item xs={12}>
        <ResourceView resource={sla}>
          {value => (
            <SlaFigures
              value={value}
              timezone={timezone}
              onCorrected={onCorrected}
              gateDecisions={gateDecisions}
              mayWrite={mayWrite}
            />
          )}
        </ResourceView>
      </Grid>
    </Grid>
  );
}
