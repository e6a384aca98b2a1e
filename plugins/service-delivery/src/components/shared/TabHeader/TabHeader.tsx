import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useReadableStyles } from '../../../contrast';

/** @public */
export interface TabHeaderProps {
  /** The tab's name; the overview, under its page's own title, has none. */
  title?: ReactNode;
  /** What the figures are of (their period, currency, as-of time); nothing while they load. */
  subtitle?: ReactNode;
  /** The tab's controls on the right (pickers, exports); several go in one Box of their own. */
  actions?: ReactNode;
}

/**
 * The line above a tab's figures: its title and what the figures are of on the left, its controls
 * on the right, wrapping under them on a narrow screen.
 *
 * @public
 */
export function TabHeader(props: TabHeaderProps) {
  const readable = useReadableStyles();
  const { title, subtitle, actions } = props;
  const subtitleLine = subtitle ? (
    <Typography variant="body2" className={readable.secondaryText}>
      {subtitle}
    </Typography>
  ) : null;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      gridGap={16}
    >
      {title === undefined ? (
        subtitleLine
      ) : (
        <Box>
          <Typography variant="h5">{title}</Typography>
          {subtitleLine}
        </Box>
      )}
      {actions}
    </Box>
  );
}
