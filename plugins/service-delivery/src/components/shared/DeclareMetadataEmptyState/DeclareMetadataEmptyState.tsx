import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** @public */
export interface DeclareMetadataEmptyStateProps {
  title: string;
  description: string;
  /** A `catalog-info.yaml` excerpt that declares what is missing. */
  example: string;
}

/**
 * Shown instead of a tab's figures when the entity declares nothing for it: says what to add to
 * `catalog-info.yaml`, with an example to copy.
 *
 * @public
 */
export function DeclareMetadataEmptyState(
  props: DeclareMetadataEmptyStateProps,
) {
  const { title, description, example } = props;
  return (
    <EmptyState
      missing="field"
      title={title}
      description={description}
      action={
        <Box maxWidth={640}>
          <Typography variant="body1" paragraph>
            Declare them in catalog-info.yaml like this:
          </Typography>
          <CodeSnippet
            text={example}
            language="yaml"
            showLineNumbers
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
