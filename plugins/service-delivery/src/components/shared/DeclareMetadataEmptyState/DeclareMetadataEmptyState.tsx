import { EmptyStateGuide } from '../EmptyStateGuide';

/** @public */
export interface DeclareMetadataEmptyStateProps {
  title: string;
  description: string;
  /** A `catalog-info.yaml` excerpt that declares what is missing. */
  example: string;
}

/**
 * Shown instead of a tab's figures when the entity declares nothing for it: says what to add under
 * `spec.serviceDelivery` in `catalog-info.yaml`, with an example to copy and the README section.
 *
 * @public
 */
export function DeclareMetadataEmptyState(
  props: DeclareMetadataEmptyStateProps,
) {
  const { title, description, example } = props;
  return (
    <EmptyStateGuide
      variant="tab"
      title={title}
      explanation={
        <>
          {description} Declare it under <code>spec.serviceDelivery</code> in
          the entity's catalog-info.yaml, like this:
        </>
      }
      code={example}
      language="yaml"
      readme="declaring"
    />
  );
}
