import { InputError } from '@backstage/errors';
import {
  FacetCount,
  FINDING_SEVERITIES,
  Discipline,
  FindingSummary,
  FindingSeverity,
  OverviewFacets,
  OverviewRowSummary,
  POLICY_FILTER_VALUES,
  PolicyFilterValue,
  Status,
  STATUSES,
  isOwnKey,
  policyFilterValue,
} from '@service-delivery/plugin-service-delivery-common';
import {
  Query,
  choicesParam,
  listParam,
  refsParam,
  singleParam,
  wholeNumberParam,
} from '../service/queryParameters';

/** The filters of the overview, findings and reports: each a list of accepted values. */
export type OverviewFilter = {
  owner: string[];
  system: string[];
  domain: string[];
  tier: string[];
  lifecycle: string[];
  status: Status[];
  policy: PolicyFilterValue[];
  kind: string[];
  q?: string;
};

export type FacetName = keyof OverviewFacets;

const FACETS: FacetName[] = [
  'owner',
  'system',
  'domain',
  'tier',
  'lifecycle',
  'status',
  'policy',
];

const STATUS_RANK: Record<Status, number> = {
  'no-data': 0,
  met: 1,
  'at-risk': 2,
  breached: 3,
};
const POLICY_RANK: Record<PolicyFilterValue, number> = Object.fromEntries(
  POLICY_FILTER_VALUES.map((value, rank) => [value, rank]),
) as Record<PolicyFilterValue, number>;
const CAPACITY_RANK = { 'no-data': 0, ok: 1, warning: 2, critical: 3 };
const CONTINUITY_RANK = { pass: 0, warn: 1, fail: 2 };

type SortValue = string | number | null;

/** What each sortable column sorts by; null sorts last either way. */
const SORTS: Record<string, (row: OverviewRowSummary) => SortValue> = {
  name: row => row.name.toLocaleLowerCase('en-US'),
  title: row => (row.title ?? row.name).toLocaleLowerCase('en-US'),
  kind: row => row.kind.toLocaleLowerCase('en-US'),
  type: row => row.type,
  lifecycle: row => row.lifecycle,
  owner: row => row.owner,
  system: row => row.system,
  domain: row => row.domain,
  tier: row => row.tier,
  status: row => STATUS_RANK[row.status],
  policy: row => POLICY_RANK[policyFilterValue(row)],
  availability: row => row.availability?.availability ?? null,
  target: row => row.availability?.target ?? null,
  margin: row =>
    typeof row.availability?.availability === 'number' &&
    typeof row.availability.target === 'number'
      ? row.availability.availability - row.availability.target
      : null,
  budgetRemaining: row => row.serviceLevel?.budgetRemainingShare ?? null,
  cost: row => row.cost?.actual ?? null,
  budget: row => row.cost?.budget ?? null,
  variance: row => row.cost?.variance ?? null,
  capacity: row => (row.capacity ? CAPACITY_RANK[row.capacity.status] : null),
  daysToCritical: row => row.capacity?.daysToCritical ?? null,
  continuity: row =>
    row.continuity ? CONTINUITY_RANK[row.continuity.status] : null,
  drTestOverdue: row => {
    if (!row.continuity) return null;
    return row.continuity.testOverdue ? 1 : 0;
  },
  problems: row => row.problems,
  findings: row =>
    row.findings.critical * 1e9 +
    row.findings.high * 1e6 +
    row.findings.medium * 1e3 +
    row.findings.low,
};

export const SORT_FIELDS = Object.keys(SORTS);

/** What a column sorts by; a 400 naming the columns for anything else. */
function sortValueOf(sort: string): (row: OverviewRowSummary) => SortValue {
  // only the table's own columns: `constructor` or `__proto__` is no column
  if (!isOwnKey(SORTS, sort)) {
    throw new InputError(
      `Invalid query parameter 'sort': '${sort}' is not a column; sort by ${SORT_FIELDS.join(
        ', ',
      )}`,
    );
  }
  return SORTS[sort];
}

export type OverviewQuery = OverviewFilter & {
  period?: string;
  sort: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  /** whole rows (read for the page), or the summaries held in memory */
  detail: 'whole' | 'summary';
};

export type FindingsQuery = OverviewFilter & {
  period?: string;
  severity: FindingSeverity[];
  discipline: Discipline[];
  offset: number;
  limit: number;
};

const DISCIPLINES: Discipline[] = [
  'service-level',
  'availability',
  'cost',
  'capacity',
  'continuity',
  'metadata',
];

export const MAX_LIMIT = 1000;

/** Answers any parameter the route does not know with a 400 that names it. */
function rejectUnknown(query: Query, known: string[]) {
  for (const name of Object.keys(query)) {
    if (!known.includes(name)) {
      throw new InputError(
        `Unknown query parameter '${name}': expected ${known.join(', ')}`,
      );
    }
  }
}

const offsetParam = (query: Query) =>
  wholeNumberParam(query, 'offset', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
  });

const FILTER_PARAMS = [
  'owner',
  'system',
  'domain',
  'tier',
  'lifecycle',
  'status',
  'policy',
  'kind',
  'q',
  'period',
];

function parseFilter(query: Query): OverviewFilter & { period?: string } {
  return {
    owner: refsParam(query, 'owner', 'group'),
    system: refsParam(query, 'system', 'system'),
    domain: refsParam(query, 'domain', 'domain'),
    tier: listParam(query, 'tier'),
    lifecycle: listParam(query, 'lifecycle'),
    status: choicesParam(query, 'status', STATUSES),
    policy: choicesParam(query, 'policy', POLICY_FILTER_VALUES),
    kind: listParam(query, 'kind').map(k => k.toLocaleLowerCase('en-US')),
    q: singleParam(query, 'q'),
    period: singleParam(query, 'period'),
  };
}

/**
 * GET /overview and /overview.csv: filters, search, sort and a page. Without `limit` the overview
 * answers 50 rows and the CSV every row.
 */
export function parseOverviewQuery(
  query: Query,
  options: { everyRow?: boolean; detail?: boolean } = {},
): OverviewQuery {
  rejectUnknown(query, [
    ...FILTER_PARAMS,
    'sort',
    'order',
    'offset',
    'limit',
    ...(options.detail ? ['detail'] : []),
  ]);
  const detail = singleParam(query, 'detail') ?? 'whole';
  if (detail !== 'whole' && detail !== 'summary') {
    throw new InputError(
      `Invalid query parameter 'detail': '${detail}' is neither whole nor summary`,
    );
  }
  const sort = singleParam(query, 'sort') ?? 'status';
  sortValueOf(sort);
  const order =
    singleParam(query, 'order') ?? (sort === 'status' ? 'desc' : 'asc');
  if (order !== 'asc' && order !== 'desc') {
    throw new InputError(
      `Invalid query parameter 'order': '${order}' is neither asc nor desc`,
    );
  }
  return {
    ...parseFilter(query),
    sort,
    order,
    offset: offsetParam(query),
    limit: wholeNumberParam(query, 'limit', {
      min: 1,
      max: MAX_LIMIT,
      fallback: options.everyRow ? Number.MAX_SAFE_INTEGER : 50,
    }),
    detail,
  };
}

/** GET /findings: the overview's filters, and severity and discipline. */
export function parseFindingsQuery(query: Query): FindingsQuery {
  rejectUnknown(query, [
    ...FILTER_PARAMS,
    'severity',
    'discipline',
    'offset',
    'limit',
  ]);
  return {
    ...parseFilter(query),
    severity: choicesParam(query, 'severity', FINDING_SEVERITIES),
    discipline: choicesParam(query, 'discipline', DISCIPLINES),
    offset: offsetParam(query),
    limit: wholeNumberParam(query, 'limit', {
      min: 1,
      max: MAX_LIMIT,
      fallback: 100,
    }),
  };
}

/** GET /reports/sla: one service (`entityRef`) or the overview's filters. */
export function parseReportQuery(query: Query): OverviewFilter & {
  period?: string;
  entityRef?: string;
} {
  rejectUnknown(query, [...FILTER_PARAMS, 'entityRef']);
  const [entityRef, ...more] = refsParam(query, 'entityRef', 'component');
  if (more.length > 0) {
    throw new InputError(
      `Invalid query parameter 'entityRef': give one entity, or filter a portfolio with owner, system or domain`,
    );
  }
  return { ...parseFilter(query), entityRef };
}

function matches(
  row: OverviewRowSummary,
  filter: OverviewFilter,
  skip?: FacetName,
) {
  const has = (values: unknown[], value: unknown) =>
    values.length === 0 || values.includes(value);
  if (
    skip !== 'owner' &&
    filter.owner.length > 0 &&
    !filter.owner.some(owner => row.ownerAncestry.includes(owner))
  ) {
    return false;
  }
  if (skip !== 'system' && !has(filter.system, row.system)) return false;
  if (skip !== 'domain' && !has(filter.domain, row.domain)) return false;
  if (skip !== 'tier' && !has(filter.tier, row.tier)) return false;
  if (skip !== 'lifecycle' && !has(filter.lifecycle, row.lifecycle)) {
    return false;
  }
  if (skip !== 'status' && !has(filter.status, row.status)) return false;
  if (skip !== 'policy' && !has(filter.policy, policyFilterValue(row))) {
    return false;
  }
  if (!has(filter.kind, row.kind.toLocaleLowerCase('en-US'))) return false;
  if (filter.q) {
    const needle = filter.q.toLocaleLowerCase('en-US');
    const haystack = [
      row.entityRef,
      row.name,
      row.title,
      row.owner,
      row.system,
      row.domain,
      row.tier,
      row.type,
    ];
    if (
      !haystack.some(
        value => value && value.toLocaleLowerCase('en-US').includes(needle),
      )
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The rows that pass every filter. An owner matches its own services and those of the groups below
 * it; a search matches names, titles, references, owners, systems, domains, tiers and types.
 */
export function filterRows(
  rows: readonly OverviewRowSummary[],
  filter: OverviewFilter,
): OverviewRowSummary[] {
  return rows.filter(row => matches(row, filter));
}

/** Sorted by one column, nulls last either way, ties by name and reference. */
export function sortRows(
  rows: readonly OverviewRowSummary[],
  sort: string,
  order: 'asc' | 'desc',
): OverviewRowSummary[] {
  const value = sortValueOf(sort);
  const direction = order === 'asc' ? 1 : -1;
  const keyed = rows.map(row => ({ row, key: value(row) }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      const compared =
        typeof a.key === 'number' && typeof b.key === 'number'
          ? a.key - b.key
          : String(a.key).localeCompare(String(b.key));
      if (compared !== 0) return compared * direction;
    }
    return (
      a.row.name.localeCompare(b.row.name) ||
      a.row.entityRef.localeCompare(b.row.entityRef)
    );
  });
  return keyed.map(k => k.row);
}

/**
 * For each filter, how many services each of its values would show, given all the other filters:
 * what the filter bar offers next to each choice.
 */
export function overviewFacets(
  rows: readonly OverviewRowSummary[],
  filter: OverviewFilter,
): OverviewFacets {
  const facets = {} as OverviewFacets;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (!matches(row, filter, facet)) continue;
      const value = facet === 'policy' ? policyFilterValue(row) : row[facet];
      if (value === null || value === undefined) continue;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    facets[facet] = [...counts.entries()]
      .map(([value, count]): FacetCount => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
}

/** Each list of findings' positions by entity, made once per list (a copy of the overview's). */
const positionsByFindings = new WeakMap<
  readonly FindingSummary[],
  Map<string, number[]>
>();

function findingPositions(
  findings: readonly FindingSummary[],
): Map<string, number[]> {
  let positions = positionsByFindings.get(findings);
  if (!positions) {
    positions = new Map();
    findings.forEach((finding, index) => {
      const list = positions!.get(finding.entityRef);
      if (list) list.push(index);
      else positions!.set(finding.entityRef, [index]);
    });
    positionsByFindings.set(findings, positions);
  }
  return positions;
}

/**
 * The findings of the rows, narrowed by severity and discipline, in the order of `findings` (most
 * severe first). A few rows' findings are looked up by entity, not found by reading every
 * finding of the organisation: a group's portfolio asks this on every load.
 */
export function filterFindings(
  findings: readonly FindingSummary[],
  rows: readonly OverviewRowSummary[],
  query: Pick<FindingsQuery, 'severity' | 'discipline'>,
): FindingSummary[] {
  const wanted = (finding: FindingSummary) =>
    (query.severity.length === 0 ||
      query.severity.includes(finding.severity)) &&
    (query.discipline.length === 0 ||
      query.discipline.includes(finding.discipline));
  const positions = findingPositions(findings);
  const refs = new Set(rows.map(row => row.entityRef));
  let count = 0;
  for (const ref of refs) count += positions.get(ref)?.length ?? 0;
  // sorting most of the list's positions again costs more than reading it once
  if (count * 4 > findings.length) {
    return findings.filter(
      finding => refs.has(finding.entityRef) && wanted(finding),
    );
  }
  const selected: number[] = [];
  for (const ref of refs) {
    for (const index of positions.get(ref) ?? []) selected.push(index);
  }
  return selected
    .sort((a, b) => a - b)
    .map(index => findings[index])
    .filter(wanted);
}

/** GET /cost/coverage: the overview's filters (of the current rows, no period) and a month. */
export function parseCoverageQuery(
  query: Query,
): OverviewFilter & { month?: string } {
  rejectUnknown(query, [
    ...FILTER_PARAMS.filter(name => name !== 'period'),
    'month',
  ]);
  const { period: _period, ...filter } = parseFilter(query);
  return { ...filter, month: singleParam(query, 'month') };
}

/** Whether a filter narrows the services at all. */
export function isNarrowed(filter: OverviewFilter): boolean {
  return (
    filter.owner.length +
      filter.system.length +
      filter.domain.length +
      filter.tier.length +
      filter.lifecycle.length +
      filter.status.length +
      filter.policy.length +
      filter.kind.length >
      0 || Boolean(filter.q)
  );
}
