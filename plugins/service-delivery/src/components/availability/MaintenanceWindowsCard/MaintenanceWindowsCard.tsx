import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { AvailabilityResponse } from '@service-delivery/plugin-service-delivery-common';

const dayNames: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** @public */
export interface MaintenanceWindowsCardProps {
  windows: AvailabilityResponse['maintenance'];
  timezone: string;
}

/**
 * The planned maintenance windows: neither downtime nor agreed service time.
 *
 * @public
 */
export function MaintenanceWindowsCard(props: MaintenanceWindowsCardProps) {
  const { windows, timezone } = props;
  return (
    <InfoCard
      title="Maintenance windows"
      subheader={`Weekly, in ${timezone}; not counted as downtime or agreed service time`}
    >
      {windows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No maintenance windows declared.
        </Typography>
      ) : (
        <List dense disablePadding>
          {windows.map((window, index) => (
            <ListItem key={index} disableGutters>
              <ListItemText
                primary={`${window.from}–${window.to}`}
                secondary={window.days
                  .map(day => dayNames[day] ?? day)
                  .join(', ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
