import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { AnalyticsContext } from '@backstage/core-plugin-api';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import {
  Discipline,
  FindingSeverity,
  entityDisplayName,
  ServiceDeliverySearchFields,
  Status,
} from '@service-delivery/plugin-service-delivery-common';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { readableText } from '../../../contrast';
import { StatusChip } from '../../shared/StatusChip';
import { SeverityChip } from '../../overview/SeverityChip';

const disciplineLabels: Record<Discipline, string> = {
  'service-level': 'Service level',
  availability: 'Availability',
  cost: 'Cost',
  capacity: 'Capacity',
  continuity: 'Continuity',
  metadata: 'Metadata',
};

const useStyles = makeStyles(theme => ({
  // the theme's secondary text falls just short of AA on the search page's grey
  secondary: { color: readableText(theme, theme.palette.text.secondary) },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    margin: theme.spacing(0.5, 0),
  },
  text: {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
}));

/** @public */
export interface ServiceDeliverySearchResultListItemProps {
  /** the search result's document; another type than Service Delivery's renders nothing */
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  /** lines of text shown at most (3 by default) */
  lineClamp?: number;
}

function highlighted(
  field: 'title' | 'text',
  fallback: string,
  highlight: ResultHighlight | undefined,
) {
  const text = highlight?.fields[field];
  return text ? (
    <HighlightedSearchResultText
      text={text}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    fallback
  );
}

function Facts(props: { document: ServiceDeliverySearchFields }) {
  const { document } = props;
  const owner = document.owner && entityDisplayName(document.owner);
  const classes = useStyles();
  return (
    <span className={classes.facts}>
      {document.documentKind === 'agreement' ? (
        <>
          <Typography component="span" variant="body2">
            {document.category} agreement
          </Typography>
          <StatusChip status={document.status as Status} />
        </>
      ) : (
        <>
          <Typography component="span" variant="body2">
            {disciplineLabels[document.category as Discipline] ??
              document.category}{' '}
            finding
          </Typography>
          <SeverityChip severity={document.status as FindingSeverity} />
        </>
      )}
      {owner && (
        <Typography component="span" variant="body2">
          owned by {owner}
        </Typography>
      )}
    </span>
  );
}

/**
 * A Service Delivery search result: the agreement or finding as a link to the tab that shows it,
 * with what kind of result it is, its status or severity, and the owning team.
 *
 * @public
 */
export function ServiceDeliverySearchResultListItem(
  props: ServiceDeliverySearchResultListItemProps,
) {
  const { result, highlight, icon, lineClamp = 3 } = props;
  const classes = useStyles();
  if (!result) return null;
  const document = result as SearchDocument &
    Partial<ServiceDeliverySearchFields>;
  return (
    <AnalyticsContext
      attributes={{
        pluginId: 'service-delivery',
        extension: 'ServiceDeliverySearchResultListItem',
      }}
    >
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <ListItemText
        data-service-delivery-result={document.documentKind ?? 'document'}
        primaryTypographyProps={{ variant: 'h6' }}
        primary={
          <Link noTrack to={result.location}>
            {highlighted('title', result.title, highlight)}
          </Link>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <Box component="span" display="block" className={classes.secondary}>
            {document.documentKind && document.status && (
              <Facts document={document as ServiceDeliverySearchFields} />
            )}
            <Typography
              component="span"
              variant="body2"
              className={classes.text}
              style={{ WebkitLineClamp: lineClamp }}
            >
              {highlighted('text', result.text, highlight)}
            </Typography>
          </Box>
        }
      />
    </AnalyticsContext>
  );
}
