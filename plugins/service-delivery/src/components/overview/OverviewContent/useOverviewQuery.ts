import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  OverviewFilters,
  OverviewQuery,
  ServiceDeliveryApi,
} from '../../../api';
import { sharedRequest } from '../../../useRequest';
import { requestFindings } from '../FindingsList/FindingsList';

/** The filters a URL can carry, each a comma-separated list. */
export const LIST_FILTERS = [
  'owner',
  'system',
  'domain',
  'tier',
  'lifecycle',
  'status',
  'policy',
] as const;

export type ListFilter = (typeof LIST_FILTERS)[number];

export const PAGE_SIZES = [25, 50, 100];

export type OverviewView = {
  filters: OverviewFilters;
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

function list(params: URLSearchParams, name: string): string[] | undefined {
  const value = params.get(name);
  return value ? value.split(',').filter(Boolean) : undefined;
}

/** The overview's view that a URL's search parameters name (see useOverviewQuery). */
export function overviewViewOf(params: URLSearchParams): OverviewView {
  const filters: OverviewFilters = {};
  for (const name of LIST_FILTERS) filters[name] = list(params, name);
  filters.q = params.get('q') || undefined;
  filters.period = params.get('period') || undefined;
  const size = Number(params.get('size'));
  return {
    filters,
    sort: params.get('sort') || 'status',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.max(0, Number(params.get('page')) || 0),
    pageSize: PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0],
  };
}

/** What a portfolio is fixed to: a group's services, a system's or a domain's. */
export type OverviewScope = Partial<
  Pick<OverviewFilters, 'owner' | 'system' | 'domain'>
>;

/** The filters of a view within a portfolio's fixed filters. */
export function scopedFilters(
  filters: OverviewFilters,
  scope: OverviewScope,
): OverviewFilters {
  return { ...filters, ...scope };
}

/** The query of a view's page, sort and order under `filters`. */
export function pageQuery(
  filters: OverviewFilters,
  view: Pick<OverviewView, 'sort' | 'order' | 'page' | 'pageSize'>,
): OverviewQuery {
  return {
    ...filters,
    sort: view.sort,
    order: view.order,
    offset: view.page * view.pageSize,
    limit: view.pageSize,
  };
}

/**
 * The overview's filters, sort and page live in the URL (`?owner=group:default/payments&status=breached
 * &sort=availability&page=2`), so that a view can be shared as a link and the back button works.
 * Changing a filter goes back to the first page.
 */
export function useOverviewQuery() {
  const [params, setParams] = useSearchParams();

  const view = useMemo(() => overviewViewOf(params), [params]);

  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      }),
    [setParams],
  );

  const setFilters = useCallback(
    (patch: Partial<OverviewFilters>) =>
      update(next => {
        for (const [name, value] of Object.entries(patch)) {
          const text = Array.isArray(value) ? value.join(',') : value;
          if (text) next.set(name, text);
          else next.delete(name);
        }
        next.delete('page');
      }),
    [update],
  );

  const setSort = useCallback(
    (sort: string, order: 'asc' | 'desc') =>
      update(next => {
        next.set('sort', sort);
        next.set('order', order);
        next.delete('page');
      }),
    [update],
  );

  const setPage = useCallback(
    (page: number, pageSize?: number) =>
      update(next => {
        if (page > 0) next.set('page', String(page));
        else next.delete('page');
        if (pageSize !== undefined) next.set('size', String(pageSize));
      }),
    [update],
  );

  return { view, setFilters, setSort, setPage };
}

/** The overview's view (see useOverviewQuery) within a portfolio's fixed filters, as a query. */
export function useOverviewView(scope: OverviewScope = {}) {
  const { view, setFilters, setSort, setPage } = useOverviewQuery();
  const scopeKey = JSON.stringify(scope);
  const filters = useMemo(
    () => scopedFilters(view.filters, JSON.parse(scopeKey)),
    [view.filters, scopeKey],
  );
  const { sort, order, page, pageSize } = view;
  const query = useMemo(
    () => pageQuery(filters, { sort, order, page, pageSize }),
    [filters, sort, order, page, pageSize],
  );
  return { view, setFilters, setSort, setPage, filters, query };
}

/** A page of the overview, shared with whoever asked for the same page a moment before. */
export function requestOverview(api: ServiceDeliveryApi, query: OverviewQuery) {
  return sharedRequest(api, JSON.stringify(['overview', query]), () =>
    api.getOverview(query),
  );
}

/**
 * Asks, while the component renders, for the page of the overview and for the first findings of
 * the same services: the findings again only when the filters change, not with every page or sort.
 */
export function useOverviewRequest(
  api: ServiceDeliveryApi,
  filters: OverviewFilters,
  query: OverviewQuery,
) {
  const filtersKey = JSON.stringify(filters);
  useMemo(
    () => requestFindings(api, JSON.parse(filtersKey)),
    [api, filtersKey],
  );
  return useMemo(() => requestOverview(api, query), [api, query]);
}
