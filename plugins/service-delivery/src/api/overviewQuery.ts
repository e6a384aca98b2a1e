/**
 * The overview's filters, as the API takes them: each list matches any of its values, `owner`
 * includes the groups below each owner, `q` searches names, titles and references.
 *
 * @public
 */
export type OverviewFilters = {
  owner?: string[];
  system?: string[];
  domain?: string[];
  tier?: string[];
  lifecycle?: string[];
  status?: string[];
  /** error-budget policy states, `none` for services no policy governs */
  policy?: string[];
  q?: string;
  /** `YYYY-MM`, `YYYY-Qn`, `rolling-28d`, `rolling-30d`; each agreement's current period without */
  period?: string;
};

/** @public */
export type OverviewQuery = OverviewFilters & {
  sort?: string;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
};

/** @public */
export type FindingsQuery = OverviewFilters & {
  severity?: string[];
  discipline?: string[];
  offset?: number;
  limit?: number;
};

/** One service (`entityRef`) or the services the filters select. @public */
export type SlaReportQuery = OverviewFilters & { entityRef?: string };

/** The query string parameters of a query: lists comma-separated, empty ones left out. */
export function queryParams(
  query: Record<string, string | string[] | number | undefined>,
): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      if (value.length > 0) params[key] = value.join(',');
    } else if (value !== undefined && value !== '') {
      params[key] = String(value);
    }
  }
  return params;
}
