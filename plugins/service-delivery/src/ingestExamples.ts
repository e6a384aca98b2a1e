/*
 * What an empty state tells people to send: the ingest call with a record for this very entity, or
 * the app-config that lets the Prometheus provider pull the queries the entity declares.
 */

/** The kinds of measured data an empty state asks for. */
export type IngestKind =
  | 'incidents'
  | 'sli'
  | 'costs'
  | 'capacity'
  | 'dr-tests';

const HOUR_MS = 3600 * 1000;

/** The start of the last whole hour before `instant`: a bucket that lies in the period shown. */
export function lastWholeHourBefore(instant: string): string {
  const ms = Date.parse(instant);
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS - HOUR_MS).toISOString();
}

function addMs(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

/** The `curl` that sends `records` to `POST /api/service-delivery/v1/ingest/<kind>`. */
export function ingestCall(kind: IngestKind, records: object[]): string {
  // inside a single-quoted shell word, a quote is closed, escaped and reopened
  const body = JSON.stringify(records, null, 2).replace(/'/g, `'\\''`);
  return [
    `curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/${kind}" \\`,
    `  -H "authorization: Bearer $SERVICE_DELIVERY_INGEST_TOKEN" \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}

/** One SLI bucket of an objective: the good and total events of an hour. */
export function sliRecord(
  entityRef: string,
  objective: string,
  bucketStart: string,
) {
  return {
    entityRef,
    source: 'monitoring',
    objective,
    bucketStart,
    bucketSeconds: 3600,
    good: 9990,
    total: 10000,
  };
}

/** One resolved incident: a full outage of half an hour. */
export function incidentRecord(entityRef: string, startedAt: string) {
  return {
    id: 'INC-1',
    source: 'incident-tool',
    entityRef,
    title: 'Service unavailable',
    priority: 'P1',
    impact: 'full',
    startedAt,
    resolvedAt: addMs(startedAt, HOUR_MS / 2),
  };
}

/** One cost line: a month's cost of one category. */
export function costRecord(entityRef: string, month: string, currency: string) {
  return {
    id: `${month}-hosting`,
    entityRef,
    source: 'finance',
    periodStart: month,
    category: 'hosting',
    amount: 1000,
    currency,
  };
}

/** One sample of a capacity resource: how much of it was used at an instant. */
export function capacityRecord(
  entityRef: string,
  resource: string,
  at: string,
  used: number,
) {
  return { entityRef, source: 'monitoring', resource, at, used };
}

/** One DR test that passed, with the recovery time and data loss it achieved. */
export function drTestRecord(entityRef: string, performedAt: string) {
  return {
    id: 'DR-1',
    entityRef,
    source: 'dr-runbook',
    performedAt,
    result: 'passed',
    achievedRto: '45m',
    achievedRpo: '5m',
  };
}

/** PromQL an objective or capacity resource declares, by field (`good`, `total`, `ratio`, `used`). */
export type DeclaredQueries = Record<string, string>;

/**
 * The app-config that switches the Prometheus provider on, with the queries it will pull for each
 * part (objective or resource) as comments.
 */
export function prometheusConfig(
  parts: Array<{ name: string; queries: DeclaredQueries }>,
): string {
  const lines = [
    '# app-config.yaml: the provider pulls nothing until baseUrl is set',
    'serviceDelivery:',
    '  prometheus:',
    '    baseUrl: http://prometheus.monitoring:9090',
    '    bucket: 1h',
    '    backfill: 30d',
  ];
  for (const part of parts) {
    lines.push(`# ${part.name} declares:`);
    for (const [field, query] of Object.entries(part.queries)) {
      lines.push(`#   ${field}: ${query}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
