import { getCompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseErrorPanel, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  GateDecision,
  GateDecisionsResponse,
} from '@service-delivery/plugin-service-delivery-common';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../../api';
import { formatInstant } from '../../../dates';
import { SortableTable } from '../../shared/SortableTable';

/** How many of the latest decisions the card lists. */
const SHOWN = 20;

function requester(requestedBy: string) {
  if (requestedBy.startsWith('user:')) {
    try {
      return <EntityRefLink entityRef={parseEntityRef(requestedBy)} />;
    } catch {
      // not a reference after all: shown as it was recorded
    }
  }
  return requestedBy;
}

function columns(timezone: string): TableColumn<GateDecision>[] {
  return [
    {
      title: 'Asked',
      field: 'evaluatedAt',
      render: decision => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatInstant(decision.evaluatedAt, timezone)}
        </span>
      ),
    },
    { title: 'Change', field: 'change' },
    {
      title: 'Answer',
      field: 'allow',
      render: decision => (
        <Typography
          variant="body2"
          color={decision.allow ? 'textPrimary' : 'error'}
        >
          {decision.allow ? 'Allowed' : 'Denied'}
        </Typography>
      ),
    },
    {
      title: 'Why',
      sorting: false,
      render: decision =>
        decision.reasons.length === 0
          ? 'No error-budget policy step in force'
          : decision.reasons.join('; '),
    },
    {
      title: 'Asked by',
      field: 'requestedBy',
      render: decision => requester(decision.requestedBy),
    },
  ];
}

/** @public */
export interface ReleaseGateDecisionsCardProps {
  /** The IANA zone the entity's dates are shown in. */
  timezone: string;
}

/**
 * Starts reading the latest release gate decisions of the entity of the page. The SLA tab starts it
 * beside its figures, so that the card does not wait for them before it asks.
 */
export function useReleaseGateDecisions(): GateDecisionsState {
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const entityRef = getCompoundEntityRef(entity);
  return useAsync(
    () => api.getGateDecisions(entityRef, { limit: SHOWN }),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
}

type GateDecisionsState = {
  value?: GateDecisionsResponse;
  loading: boolean;
  error?: Error;
};

/**
 * The release gate's latest answers for the entity of the page: who asked to release what, when,
 * and what the error-budget policies said.
 *
 * @public
 */
export function ReleaseGateDecisionsCard(props: ReleaseGateDecisionsCardProps) {
  return (
    <ReleaseGateDecisionsTable
      timezone={props.timezone}
      decisions={useReleaseGateDecisions()}
    />
  );
}

/** The card's table over decisions read elsewhere (see useReleaseGateDecisions). */
export function ReleaseGateDecisionsTable(props: {
  timezone: string;
  decisions: GateDecisionsState;
}) {
  const { timezone } = props;
  const { entity } = useEntity();
  const { value, loading, error } = props.decisions;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <SortableTable<GateDecision>
      title="Release gate decisions"
      subtitle={`The latest ${SHOWN} answers, newest first`}
      isLoading={loading}
      columns={columns(timezone)}
      data={value?.decisions ?? []}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        // no column drag handles nested in the sort buttons
        draggable: false,
      }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No release has asked the gate yet. Pipelines ask with{' '}
          <code>
            service-delivery-gate --change feature{' '}
            {`${entity.kind.toLocaleLowerCase('en-US')}:${
              entity.metadata.namespace ?? 'default'
            }/${entity.metadata.name}`}
          </code>
          , templates with the <code>service-delivery:gate</code> action.
        </Typography>
      }
    />
  );
}
