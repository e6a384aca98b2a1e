import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import { ContinuityCheckResult } from '@service-delivery/plugin-service-delivery-common';
import { readableText } from '../../../contrast';
import { useListTextStyles } from '../../../listText';

const useStyles = makeStyles(theme => ({
  pass: { color: readableText(theme, theme.palette.success.main) },
  warn: { color: readableText(theme, theme.palette.warning.main) },
  fail: { color: readableText(theme, theme.palette.error.main) },
}));

const statusLabels: Record<ContinuityCheckResult['status'], string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
};

const statusIcons: Record<ContinuityCheckResult['status'], typeof ErrorIcon> = {
  pass: CheckCircleIcon,
  warn: WarningIcon,
  fail: ErrorIcon,
};

const order: Record<ContinuityCheckResult['status'], number> = {
  fail: 0,
  warn: 1,
  pass: 2,
};

/** @public */
export interface ContinuityChecksCardProps {
  checks: ContinuityCheckResult[];
  /** The entity the checks are about: it is not linked to itself. */
  entityRef: string;
}

/**
 * The continuity checks, failures first, each with the entities it concerns.
 *
 * @public
 */
export function ContinuityChecksCard(props: ContinuityChecksCardProps) {
  const { checks, entityRef } = props;
  const classes = useStyles();
  const listText = useListTextStyles();
  const sorted = checks
    .map((check, index) => ({ check, index }))
    .sort(
      (a, b) =>
        order[a.check.status] - order[b.check.status] || a.index - b.index,
    );
  const failed = checks.filter(c => c.status === 'fail').length;
  const warned = checks.filter(c => c.status === 'warn').length;
  return (
    <InfoCard
      title="Continuity checks"
      subheader={`${failed} failed · ${warned} to look at · ${
        checks.length - failed - warned
      } passed`}
    >
      <List dense aria-label="Continuity checks">
        {sorted.map(({ check, index }) => {
          const Icon = statusIcons[check.status] ?? ErrorIcon;
          const others = check.subjects.filter(ref => ref !== entityRef);
          return (
            <ListItem
              key={`${check.id}-${index}`}
              data-check={check.id}
              data-status={check.status}
            >
              <ListItemIcon>
                <Icon
                  className={classes[check.status]}
                  titleAccess={statusLabels[check.status]}
                />
              </ListItemIcon>
              <ListItemText
                className={listText.wraps}
                primary={check.message}
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  others.length > 0 ? (
                    <Box display="flex" flexWrap="wrap" gridGap={8}>
                      {others.map(ref => (
                        <EntityRefLink key={ref} entityRef={ref} />
                      ))}
                    </Box>
                  ) : undefined
                }
              />
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
