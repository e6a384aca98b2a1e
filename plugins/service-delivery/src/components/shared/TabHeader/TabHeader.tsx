import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useReadableStyles } from '../../../contrast';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
}));

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
  const classes = useStyles();
  const readable = useReadableStyles();
  const { title, subtitle, actions } = props;
  const subtitleLine = subtitle ? (
    <Typography variant="body2" className={readable.secondaryText}>
      {subtitle}
    </Typography>
  ) : null;
  return (
    <div className={classes.line}>
      {title === undefined ? (
        subtitleLine
      ) : (
        <div>
          <Typography variant="h5">{title}</Typography>
          {subtitleLine}
        </div>
      )}
      {actions}
    </div>
  );
}
