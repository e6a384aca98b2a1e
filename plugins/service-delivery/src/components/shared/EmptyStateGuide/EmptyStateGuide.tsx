import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  Link,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { ReadmeSection, readmeSections, readmeSectionUrl } from '../../../docs';

/** @public */
export interface EmptyStateGuideProps {
  title: string;
  /** What is missing, what that means for the figures, and what the code below does. */
  explanation: ReactNode;
  /** What to copy: the YAML that declares the part, or the call that sends its data. */
  code: string;
  language: 'yaml' | 'bash';
  /** The README section that tells the rest. */
  readme: ReadmeSection;
  /**
   * `tab`: nothing is declared, the guide is all the tab shows (Backstage's empty state);
   * `card`: a declared part has no data, the guide stands where its figures would.
   */
  variant?: 'tab' | 'card';
}

function Guide(props: Omit<EmptyStateGuideProps, 'title' | 'variant'>) {
  const { explanation, code, language, readme } = props;
  return (
    <Box maxWidth={760}>
      <Typography variant="body1" component="div" paragraph>
        {explanation}
      </Typography>
      <CodeSnippet
        text={code}
        language={language}
        showLineNumbers={language === 'yaml'}
        showCopyCodeButton
      />
      <Typography variant="body2" style={{ marginTop: 8 }}>
        More in the README:{' '}
        <Link to={readmeSectionUrl(readme)}>
          {readmeSections[readme].label}
        </Link>
      </Typography>
    </Box>
  );
}

/**
 * What a tab or card shows when it has nothing to show: what is missing, the YAML or the call that
 * fills it (with a copy button), and the README section that tells the rest.
 *
 * @public
 */
export function EmptyStateGuide(props: EmptyStateGuideProps) {
  const { title, variant = 'card', ...guide } = props;
  return (
    <Box component="section" aria-label={title}>
      {variant === 'tab' ? (
        <EmptyState
          missing="field"
          title={title}
          action={<Guide {...guide} />}
        />
      ) : (
        <InfoCard title={title}>
          <Guide {...guide} />
        </InfoCard>
      )}
    </Box>
  );
}
