import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCardVariants,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { ReactElement, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../../api';
import { MetadataProblemsPanel } from '../../shared/MetadataProblemsPanel';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

/** @public */
export interface ServiceDeliveryProblemsCardProps {
  /** `gridItem` wraps the panel in a full-width Grid item, so the card can sit in a Grid container. */
  variant?: InfoCardVariants;
}

/**
 * Shows the validation problems of the current entity's service-delivery metadata; renders nothing
 * while loading, when there are none, or when the backend does not know the entity.
 *
 * @public
 */
export function ServiceDeliveryProblemsCard(
  props: ServiceDeliveryProblemsCardProps,
) {
  const { variant } = props;
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const { value, error } = useAsync(
    () => api.getEntity(entityRef),
    [api, entityRef],
  );

  let content: ReactElement | null = null;
  if (error) {
    if (!(error instanceof ResponseError && error.statusCode === 404)) {
      content = (
        <ResponseErrorPanel
          title="Could not check the service delivery metadata"
          error={error}
        />
      );
    }
  } else if (value && value.problems.length > 0) {
    content = <MetadataProblemsPanel problems={value.problems} />;
  }

  if (!content) {
    return null;
  }
  content = (
    <div className={`${focus.controls} ${tableText.words}`}>{content}</div>
  );
  return variant === 'gridItem' ? (
    <Grid item xs={12}>
      {content}
    </Grid>
  ) : (
    content
  );
}
