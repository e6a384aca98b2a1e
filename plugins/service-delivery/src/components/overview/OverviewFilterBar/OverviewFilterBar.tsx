import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  FacetCount,
  OverviewFacets,
} from '@service-delivery/plugin-service-delivery-common';
import { ChangeEvent, useEffect, useState } from 'react';
import { OverviewFilters } from '../../../api';
import { policyStateLabels, statusLabels } from '../../../format';
import { shortRef } from '../OverviewContent/names';
import { ListFilter } from '../OverviewContent/useOverviewQuery';

const LABELS: Record<ListFilter, string> = {
  owner: 'Owner',
  system: 'System',
  domain: 'Domain',
  tier: 'Tier',
  lifecycle: 'Lifecycle',
  status: 'Status',
  policy: 'Error-budget policy',
};

const REFS: ListFilter[] = ['owner', 'system', 'domain'];

function optionLabel(filter: ListFilter, value: string): string {
  if (filter === 'status') {
    return statusLabels[value as keyof typeof statusLabels] ?? value;
  }
  if (filter === 'policy') {
    return policyStateLabels[value as keyof typeof policyStateLabels] ?? value;
  }
  return REFS.includes(filter) ? shortRef(value) : value;
}

/** How long typing pauses before the search is sent. */
const SEARCH_DELAY_MS = 300;

/** @public */
export interface OverviewFilterBarProps {
  facets: OverviewFacets;
  filters: OverviewFilters;
  onChange: (patch: Partial<OverviewFilters>) => void;
  /** filters the view fixes (a portfolio's own entity), not offered */
  fixed?: ListFilter[];
  /** the signed-in user's ownership references, for the "My teams" shortcut */
  myTeams?: string[];
}

/**
 * The overview's filters: owner (with a "My teams" shortcut), system, domain, tier, lifecycle,
 * status and error-budget policy state, each offering its values with how many services each would show; and a search.
 *
 * @public
 */
export function OverviewFilterBar(props: OverviewFilterBarProps) {
  const { facets, filters, onChange, fixed = [], myTeams = [] } = props;
  const [search, setSearch] = useState(filters.q ?? '');

  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if ((filters.q ?? '') === search) return undefined;
    const timer = setTimeout(
      () => onChange({ q: search || undefined }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [search, filters.q, onChange]);

  const mine =
    myTeams.length > 0 &&
    myTeams.length === (filters.owner ?? []).length &&
    myTeams.every(ref => filters.owner?.includes(ref));

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={12}>
      <TextField
        label="Search"
        variant="outlined"
        size="small"
        value={search}
        placeholder="Name, owner, system…"
        onChange={(event: ChangeEvent<HTMLInputElement>) =>
          setSearch(event.target.value)
        }
        inputProps={{ 'aria-label': 'Search services' }}
      />
      {(Object.keys(LABELS) as ListFilter[])
        .filter(filter => !fixed.includes(filter))
        .map(filter => {
          const selected = filters[filter] ?? [];
          const counts = new Map(
            facets[filter].map((facet: FacetCount) => [
              facet.value,
              facet.count,
            ]),
          );
          // a value chosen in a shared link stays offered even when nothing matches it now
          const options = [
            ...facets[filter].map(facet => facet.value),
            ...selected.filter(value => !counts.has(value)),
          ];
          return (
            <Autocomplete
              key={filter}
              multiple
              size="small"
              style={{ minWidth: 180 }}
              options={options}
              value={selected}
              onChange={(_event, value) => onChange({ [filter]: value })}
              getOptionLabel={value => optionLabel(filter, value)}
              renderOption={value =>
                `${optionLabel(filter, value)} (${counts.get(value) ?? 0})`
              }
              renderInput={params => (
                <TextField
                  {...params}
                  variant="outlined"
                  label={LABELS[filter]}
                />
              )}
            />
          );
        })}
      {!fixed.includes('owner') && myTeams.length > 0 && (
        <Button
          variant={mine ? 'contained' : 'outlined'}
          color="primary"
          aria-pressed={mine}
          onClick={() => onChange({ owner: mine ? undefined : myTeams })}
        >
          My teams
        </Button>
      )}
    </Box>
  );
}
