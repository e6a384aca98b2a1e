import { TableColumn } from '@backstage/core-components';

import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { IncidentSummary } from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import { formatInstant } from '../../../dates';
import { formatSeconds } from '../../../format';
import { SortableTable } from '../SortableTable';

/** Seconds from start to resolution; null while the incident is open. */
function lasted(incident: IncidentSummary): number | null {
  if (!incident.resolvedAt) {
    return null;
  }
  const ms = Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt);
  return Number.isNaN(ms) ? null : ms / 1000;
}

const impactLabels: Record<IncidentSummary['impact'], string> = {
  full: 'Full outage',
  partial: 'Partial outage',
  degraded: 'Degraded',
  none: 'No impact',
};

function columns(timezone: string): TableColumn<IncidentSummary>[] {
  return [
    {
      title: 'Incident',
      field: 'title',
      highlight: true,
      render: incident => (
        <>
          <Typography variant="body2">{incident.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {incident.source}/{incident.id}
            {incident.planned ? ' · planned' : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Impact',
      field: 'impact',
      render: incident => (
        <Chip
          size="small"
          variant="outlined"
          label={impactLabels[incident.impact] ?? incident.impact}
        />
      ),
    },
    { title: 'Priority', field: 'priority', emptyValue: '—' },
    { title: 'Cause', field: 'cause', emptyValue: '—' },
    {
      title: 'Started',
      field: 'startedAt',
      type: 'datetime',
      render: incident => formatInstant(incident.startedAt, timezone),
    },
    {
      title: 'Duration',
      customSort: (a, b) =>
        (lasted(a) ?? Number.POSITIVE_INFINITY) -
        (lasted(b) ?? Number.POSITIVE_INFINITY),
      render: incident => {
        const seconds = lasted(incident);
        return seconds === null ? 'Open' : formatSeconds(seconds);
      },
    },
    {
      title: 'Downtime',
      field: 'downtime',
      type: 'numeric',
      render: incident => formatSeconds(incident.downtime),
    },
  ];
}

/** @public */
export interface IncidentsTableProps {
  title: string;
  subtitle?: string;
  incidents: IncidentSummary[];
  /** The service's timezone, which the times are shown in. */
  timezone: string;
  /** Shown when there are no incidents. */
  emptyMessage?: string;
}

/**
 * Incidents with their impact, priority and cause, longest downtime (in agreed service time) first.
 *
 * @public
 */
export function IncidentsTable(props: IncidentsTableProps) {
  const { title, subtitle, incidents, timezone, emptyMessage } = props;
  const rows = useMemo(
    // Copies: the table writes its own bookkeeping into the row objects.
    () =>
      incidents
        .map(incident => ({ ...incident }))
        .sort((a, b) => b.downtime - a.downtime),
    [incidents],
  );
  return (
    <SortableTable<IncidentSummary>
      title={title}
      subtitle={subtitle}
      columns={columns(timezone)}
      data={rows}
      options={{
        paging: rows.length > 10,
        pageSize: 10,
        search: rows.length > 10,
        padding: 'dense',
        // Column drag handles are focusable inside the sort buttons (nested controls for a screen
        // reader); the columns are not meant to be rearranged.
        draggable: false,
      }}
      emptyContent={
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: 16 }}
        >
          {emptyMessage ?? 'No incidents in this period.'}
        </Typography>
      }
    />
  );
}
