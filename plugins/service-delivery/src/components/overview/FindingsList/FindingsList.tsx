import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  FINDING_SEVERITIES,
  FindingSeverity,
} from '@service-delivery/plugin-service-delivery-common';
import { useState } from 'react';
import {
  OverviewFilters,
  ServiceDeliveryApi,
  serviceDeliveryApiRef,
} from '../../../api';
import { SeverityChip } from '../SeverityChip';
import { useFocusRingStyles } from '../../../focus';
import { useListTextStyles } from '../../../listText';
import { useBelowFirstView } from '../../../usePaintedOnce';
import { sharedRequest, useRequest } from '../../../useRequest';

const PAGE = 10;

/** The findings of the filtered services, as the list asks for them (shared with a page that asked first). */
export function requestFindings(
  api: ServiceDeliveryApi,
  filters: OverviewFilters,
  severity: FindingSeverity[] = [],
  limit: number = PAGE,
) {
  return sharedRequest(
    api,
    JSON.stringify(['findings', filters, severity, limit]),
    () => api.getFindings({ ...filters, severity, limit }),
  );
}

/** @public */
export interface FindingsListProps {
  filters: OverviewFilters;
}

/**
 * The findings of the filtered services, most severe first, each a sentence with a link to the tab
 * that shows the same fact; narrowed by severity, and paged.
 *
 * @public
 */
export function FindingsList(props: FindingsListProps) {
  const { filters } = props;
  const api = useApi(serviceDeliveryApiRef);
  const [severity, setSeverity] = useState<FindingSeverity[]>([]);
  const [shown, setShown] = useState(PAGE);
  const focus = useFocusRingStyles();
  const listText = useListTextStyles();
  const key = JSON.stringify({ filters, severity });
  const { value, loading, error } = useRequest(
    () => requestFindings(api, filters, severity, shown),
    [api, key, shown],
  );
  // asked for at once, shown in the frame after the overview's figures
  const belowShown = useBelowFirstView();

  const toggle = (s: FindingSeverity) => {
    setShown(PAGE);
    setSeverity(current =>
      current.includes(s) ? current.filter(c => c !== s) : [...current, s],
    );
  };

  if (!belowShown) return null;
  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.findings.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Nothing to act on for these services.
      </Typography>
    );
  } else {
    body = (
      <>
        <List dense aria-label="Findings">
          {value.findings.map(finding => (
            <ListItem key={finding.id} divider alignItems="flex-start">
              {/* as wide as the widest chip, so that every message starts in one column */}
              <Box mr={2} mt={0.5} minWidth={64}>
                <SeverityChip severity={finding.severity} />
              </Box>
              <ListItemText
                className={listText.wraps}
                primary={finding.message}
                secondary={<Link to={finding.link}>Show the figures</Link>}
              />
            </ListItem>
          ))}
        </List>
        {value.total > value.findings.length && (
          <Button
            disabled={loading}
            onClick={() => setShown(count => count + PAGE * 2)}
          >
            Show more ({value.total - value.findings.length} left)
          </Button>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Findings"
      subheader={
        value ? `${value.total} to act on, most severe first` : undefined
      }
    >
      <Box display="flex" gridGap={8} mb={1} flexWrap="wrap">
        {FINDING_SEVERITIES.map(s => (
          <Chip
            key={s}
            size="small"
            label={s}
            clickable
            color={severity.includes(s) ? 'primary' : 'default'}
            aria-pressed={severity.includes(s)}
            className={focus.ring}
            onClick={() => toggle(s)}
          />
        ))}
      </Box>
      {body}
    </InfoCard>
  );
}
