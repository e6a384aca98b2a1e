import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  FailingEntity,
  ImpactResponse,
  failurePath,
} from '@service-delivery/plugin-service-delivery-common';
import { Fragment, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../../api';
import { formatInstant } from '../../../dates';
import { BlastRadiusTree, MAX_DRAWN, shortName } from './BlastRadiusTree';
import { SortableTable } from '../../shared/SortableTable';

const viaLabels: Record<FailingEntity['via'], string> = {
  dependsOn: 'depends on it',
  redundancy: 'every redundant alternative fails',
  partOf: 'a part it cannot do without fails',
};

/** A row of the list: the entity and the way the failure took to reach it. */
type FailingRow = FailingEntity & { path: string[] };

const columns: TableColumn<FailingRow>[] = [
  {
    title: 'Fails',
    field: 'entityRef',
    highlight: true,
    render: entity => <EntityRefLink entityRef={entity.entityRef} />,
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Tier', field: 'tier', emptyValue: '—' },
  { title: 'Steps away', field: 'depth', type: 'numeric' },
  {
    title: 'Because',
    field: 'via',
    render: entity => viaLabels[entity.via] ?? entity.via,
  },
  {
    title: 'Path',
    sorting: false,
    render: entity => entity.path.map(shortName).join(' → '),
  },
];

function counted(failsWith: FailingEntity[]): string {
  const byKind = new Map<string, number>();
  for (const entity of failsWith) {
    byKind.set(entity.kind, (byKind.get(entity.kind) ?? 0) + 1);
  }
  return [...byKind.entries()]
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
}

function BlastRadius(props: { value: ImpactResponse }) {
  const { value } = props;
  const name = shortName(value.entityRef);
  const rows = useMemo(() => {
    const causes = new Map(value.failsWith.map(e => [e.entityRef, e.cause]));
    return value.failsWith.map(entity => ({
      ...entity,
      path: failurePath(entity.entityRef, causes),
    }));
  }, [value.failsWith]);
  return (
    <Grid container spacing={2}>
      {value.singlePointOfFailureFor.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="error">
            <AlertTitle>A single point of failure</AlertTitle>
            Its failure alone takes down {
              value.singlePointOfFailureFor.length
            }{' '}
            of the most critical tier:{' '}
            {value.singlePointOfFailureFor.map((entity, index) => (
              <Fragment key={entity.entityRef}>
                {index > 0 && ', '}
                <EntityRefLink entityRef={entity.entityRef} />
              </Fragment>
            ))}
            .
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <Typography variant="body1">
          {value.failsWith.length === 0
            ? `Nothing fails with ${name}.`
            : `If ${name} fails, ${value.failsWith.length} ${
                value.failsWith.length === 1 ? 'entity fails' : 'entities fail'
              } with it: ${counted(value.failsWith)}.`}
        </Typography>
      </Grid>
      {value.survives.length > 0 && (
        <Grid item xs={12}>
          <Typography variant="subtitle2">
            Keep running on a redundant alternative
          </Typography>
          <ul aria-label="Survives on redundancy">
            {value.survives.map(survivor => (
              <li key={survivor.entityRef}>
                <EntityRefLink entityRef={survivor.entityRef} /> — on{' '}
                {survivor.alternatives.map((ref, index) => (
                  <Fragment key={ref}>
                    {index > 0 && ' or '}
                    <EntityRefLink entityRef={ref} />
                  </Fragment>
                ))}
              </li>
            ))}
          </ul>
        </Grid>
      )}
      {value.failsWith.length > 0 && (
        <>
          <Grid item xs={12}>
            <Box overflow="auto">
              <BlastRadiusTree
                entityRef={value.entityRef}
                failsWith={value.failsWith}
              />
            </Box>
            <Typography variant="caption" color="textSecondary">
              Red: the most critical tier · amber: the second · blue: lower
              tiers · grey: no tier · dashed: a part takes down its whole
              {value.failsWith.length + 1 > MAX_DRAWN &&
                ` · the first ${MAX_DRAWN} are drawn; the list has all ${value.failsWith.length}`}
            </Typography>
          </Grid>
          <Grid item xs={12}>
            <SortableTable<FailingRow>
              title="What fails with it"
              subtitle="Nearest first"
              columns={columns}
              data={rows}
              options={{
                paging: rows.length > 20,
                pageSize: 20,
                search: rows.length > 20,
                padding: 'dense',
                // no column drag handles nested in the sort buttons
                draggable: false,
              }}
            />
          </Grid>
        </>
      )}
    </Grid>
  );
}

/** @public */
export interface BlastRadiusCardProps {
  entityRef: CompoundEntityRef;
  /** The timezone the catalog's load time is shown in: the service's. */
  timezone: string;
}

/**
 * Component failure impact analysis: every entity that fails when this one does, directly or
 * through others, honouring redundancy — listed and drawn.
 *
 * @public
 */
export function BlastRadiusCard(props: BlastRadiusCardProps) {
  const { entityRef, timezone } = props;
  const api = useApi(serviceDeliveryApiRef);
  const { value, loading, error } = useAsync(
    () => api.getImpact(entityRef),
    [api, entityRef],
  );

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        title="Could not work out what fails with this entity"
        error={error}
      />
    );
  } else if (value) {
    body = <BlastRadius value={value} />;
  }

  return (
    <InfoCard
      title="Blast radius"
      subheader={
        value
          ? `What fails with it, over ${
              value.graph.entities
            } catalog entities as of ${formatInstant(
              value.graph.loadedAt,
              timezone,
            )}`
          : 'What fails with it'
      }
    >
      {body}
    </InfoCard>
  );
}
