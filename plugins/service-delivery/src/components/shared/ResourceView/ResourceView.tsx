import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';
import { ServiceDeliveryResource } from './useServiceDeliveryResource';

/** @public */
export interface ResourceViewProps<T> {
  resource: Pick<ServiceDeliveryResource<T>, 'loading' | 'error' | 'value'> & {
    declared?: boolean;
  };
  /** Shown instead when the entity does not declare what the resource is about. */
  undeclared?: ReactNode;
  /** Shows an error its own way, such as a refusal; undefined leaves it to the error panel. */
  renderError?: (error: Error) => ReactNode | undefined;
  children: (value: T) => ReactNode;
}

/**
 * The states every tab goes through: nothing declared, loading, failed, and the figures.
 *
 * @public
 */
export function ResourceView<T>(props: ResourceViewProps<T>) {
  const { resource, undeclared = null, renderError, children } = props;
  if (resource.declared === false) {
    return <>{undeclared}</>;
  }
  if (resource.loading) {
    return <Progress />;
  }
  if (resource.error) {
    const shown = renderError?.(resource.error);
    return shown === undefined ? (
      <ResponseErrorPanel error={resource.error} />
    ) : (
      <>{shown}</>
    );
  }
  return resource.value === undefined ? null : <>{children(resource.value)}</>;
}
