import { WarningPanel } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import { ValidationProblem } from '@service-delivery/plugin-service-delivery-common';
import { useListTextStyles } from '../../../listText';

const useStyles = makeStyles(theme => ({
  path: {
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
    wordBreak: 'break-all',
  },
}));

/** @public */
export interface MetadataProblemsPanelProps {
  problems: ValidationProblem[];
}

/**
 * The validation problems of an entity's `spec.serviceDelivery`, each with its field path. The entity
 * stays in the catalog despite them (validation: warn), so this is where a team finds out.
 * Renders nothing when there are no problems.
 *
 * @public
 */
export function MetadataProblemsPanel(props: MetadataProblemsPanelProps) {
  const { problems } = props;
  const classes = useStyles();
  const listText = useListTextStyles();
  if (problems.length === 0) {
    return null;
  }
  const title =
    problems.length === 1
      ? 'The service delivery metadata has 1 problem'
      : `The service delivery metadata has ${problems.length} problems`;
  return (
    <WarningPanel
      title={title}
      message="Fix these in catalog-info.yaml; until then the figures below may be incomplete."
      defaultExpanded
    >
      <List dense disablePadding>
        {problems.map((problem, index) => (
          <ListItem key={`${problem.path}-${index}`} disableGutters>
            <ListItemText
              className={listText.wraps}
              primary={<span className={classes.path}>{problem.path}</span>}
              secondary={problem.message}
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}
