import { parseDuration } from '../duration';
import {
  capacityRecordSchema,
  correctionRecordSchema,
  costRecordSchema,
  drTestRecordSchema,
  incidentRecordSchema,
  sliRecordSchema,
} from '../schema/records';
import {
  CapacityRecord,
  CorrectionRecord,
  CostRecord,
  DrTestRecord,
  IncidentRecord,
  RecordKind,
  RecordProblem,
  RecordsByKind,
  SliRecord,
} from '../types';
import { schemaProblems } from '../validation/engine';
import { parseInstant } from '../validation/formats';
import { isObject, ProblemList, shorten } from '../validation/text';
import { canonicalEntityRef } from './entityRef';
import { recentResults } from '../recentResults';
import {
  RecordInstantWindow,
  earliestCostMonth,
  latestRecordInstant,
  recordInstantWindow,
} from './retention';

/**
 * The kinds of measured data, in the order the ingest routes list them.
 *
 * @public
 */
export const recordKinds: readonly RecordKind[] = [
  'incidents',
  'sli',
  'costs',
  'capacity',
  'dr-tests',
  'corrections',
];

/** @public */
export function isRecordKind(value: unknown): value is RecordKind {
  return recordKinds.includes(value as RecordKind);
}

/**
 * The most records one ingest batch may hold.
 *
 * @public
 */
export const maxRecordsPerBatch = 5000;

/** A response names at most this many problems, and how many more there are. */
const MAX_PROBLEMS_LISTED = 1000;

/**
 * The valid records of a batch, normalised, and the problems of the others.
 *
 * @public
 */
export interface RecordValidationResult<T> {
  records: T[];
  problems: RecordProblem[];
}

type Fields = Record<string, unknown>;

interface KindRules<T> {
  schema: object;
  /** Rules across fields, checked whatever else is wrong with the record. */
  check?(record: Fields, problems: ProblemList): void;
  normalise(record: Fields): T;
  /** What makes two records of one batch the same record, and where a repeat is reported. */
  identity: { of(record: T): string; path: string; fields: string };
  /** The instants of a normalised record that must lie in the window, with their bucket if any. */
  instants(
    record: T,
  ): Array<{ path: string; at: number; bucketSeconds?: number }>;
}

function instantOf(value: unknown) {
  return typeof value === 'string' ? parseInstant(value) : undefined;
}

const recentUtc = recentResults<unknown, string>();
const isoOf = (value: unknown) => new Date(instantOf(value)!).toISOString();

/** Already written as `toISOString` writes it (24:00 aside, which is the next day's 00:00). */
function isCanonicalUtc(value: string): boolean {
  return (
    value.length === 24 &&
    value[10] === 'T' &&
    value[19] === '.' &&
    value[23] === 'Z' &&
    !(value[11] === '2' && value[12] === '4')
  );
}

/** An instant that passed validation, written in UTC as `toISOString` writes it. */
function utc(value: unknown): string {
  if (typeof value === 'string' && isCanonicalUtc(value)) return value;
  return recentUtc(value, isoOf);
}

function utcOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : utc(value);
}

function notBefore(
  record: Fields,
  field: string,
  earlier: string,
  problems: ProblemList,
) {
  const later = instantOf(record[field]);
  const start = instantOf(record[earlier]);
  if (later !== undefined && start !== undefined && later < start) {
    problems.add(field, `must not be before ${earlier} (${record[earlier]})`);
  }
}

const common = (record: Fields) => ({
  entityRef: canonicalEntityRef(record.entityRef as string),
  source: record.source as string,
});

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const bySourceAndId = {
  of: (record: { source: string; id: string }) =>
    JSON.stringify([record.source, record.id]),
  path: 'id',
  fields: 'source and id',
};

const incidents: KindRules<IncidentRecord> = {
  schema: incidentRecordSchema,
  check(record, problems) {
    notBefore(record, 'acknowledgedAt', 'startedAt', problems);
    notBefore(record, 'resolvedAt', 'startedAt', problems);
  },
  normalise: record => ({
    id: record.id as string,
    ...common(record),
    title: record.title as string,
    ...optional('priority', record.priority as string | undefined),
    impact: record.impact as IncidentRecord['impact'],
    startedAt: utc(record.startedAt),
    acknowledgedAt: utcOrNull(record.acknowledgedAt),
    resolvedAt: utcOrNull(record.resolvedAt),
    planned: record.planned === true,
    ...optional('cause', record.cause as string | undefined),
  }),
  identity: bySourceAndId,
  instants: record => [
    { path: 'startedAt', at: Date.parse(record.startedAt) },
    ...(record.acknowledgedAt
      ? [{ path: 'acknowledgedAt', at: Date.parse(record.acknowledgedAt) }]
      : []),
    ...(record.resolvedAt
      ? [{ path: 'resolvedAt', at: Date.parse(record.resolvedAt) }]
      : []),
  ],
};

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

const sli: KindRules<SliRecord> = {
  schema: sliRecordSchema,
  check(record, problems) {
    const { good, total } = record;
    if (isCount(good) && isCount(total) && good > total) {
      problems.add(
        'good',
        `must not exceed total (got ${good}, total ${total})`,
      );
    }
  },
  normalise: record => ({
    ...common(record),
    objective: record.objective as string,
    bucketStart: utc(record.bucketStart),
    bucketSeconds: record.bucketSeconds as number,
    good: record.good as number,
    total: record.total as number,
  }),
  identity: {
    of: record =>
      JSON.stringify([
        record.entityRef,
        record.objective,
        record.bucketStart,
        record.source,
      ]),
    path: 'bucketStart',
    fields: 'entityRef, objective, bucketStart and source',
  },
  instants: record => [
    {
      path: 'bucketStart',
      at: Date.parse(record.bucketStart),
      bucketSeconds: record.bucketSeconds,
    },
  ],
};

const costs: KindRules<CostRecord> = {
  schema: costRecordSchema,
  normalise: record => ({
    id: record.id as string,
    ...common(record),
    periodStart: (record.periodStart as string).slice(0, 7),
    category: record.category as string,
    amount: record.amount as number,
    currency: record.currency as string,
    ...optional('origin', record.origin as CostRecord['origin']),
  }),
  identity: bySourceAndId,
  // checked by month in instantProblems
  instants: () => [],
};

const capacity: KindRules<CapacityRecord> = {
  schema: capacityRecordSchema,
  normalise: record => ({
    ...common(record),
    resource: record.resource as string,
    at: utc(record.at),
    used: record.used as number,
    ...optional('capacity', record.capacity as number | undefined),
  }),
  identity: {
    of: record =>
      JSON.stringify([
        record.entityRef,
        record.resource,
        record.at,
        record.source,
      ]),
    path: 'at',
    fields: 'entityRef, resource, at and source',
  },
  instants: record => [{ path: 'at', at: Date.parse(record.at) }],
};

// Achieved recovery times are kept in whole seconds.
const wholeSeconds = (value: unknown) =>
  value === undefined
    ? undefined
    : Math.round(parseDuration(value as string | number));

const drTests: KindRules<DrTestRecord> = {
  schema: drTestRecordSchema,
  normalise: record => ({
    id: record.id as string,
    ...common(record),
    performedAt: utc(record.performedAt),
    result: record.result as DrTestRecord['result'],
    ...optional('achievedRto', wholeSeconds(record.achievedRto)),
    ...optional('achievedRpo', wholeSeconds(record.achievedRpo)),
    ...optional('notes', record.notes as string | undefined),
  }),
  identity: bySourceAndId,
  instants: record => [
    { path: 'performedAt', at: Date.parse(record.performedAt) },
  ],
};

const corrections: KindRules<CorrectionRecord> = {
  schema: correctionRecordSchema,
  check(record, problems) {
    const hasIncident = record.incident !== undefined;
    const hasFrom = record.from !== undefined;
    const hasTo = record.to !== undefined;
    if (hasIncident && (hasFrom || hasTo)) {
      problems.add(
        hasFrom ? 'from' : 'to',
        'must be left out when incident is given: a correction excludes an incident or an interval from/to, not both',
      );
    } else if (!hasIncident && !hasFrom && !hasTo) {
      problems.add(
        'incident',
        'is required unless from and to are given: name the incident ({ source, id }) or the interval to exclude',
      );
    } else if (!hasIncident && hasFrom !== hasTo) {
      problems.add(
        hasFrom ? 'to' : 'from',
        `is required with ${
          hasFrom ? 'from' : 'to'
        }: an excluded interval has a start and an end`,
      );
    }
    const from = instantOf(record.from);
    const to = instantOf(record.to);
    if (from !== undefined && to !== undefined && !(to > from)) {
      problems.add('to', `must be after from (${record.from})`);
    }
  },
  normalise: record => {
    const incident = record.incident as { source: string; id: string };
    return {
      id: record.id as string,
      ...common(record),
      ...optional('agreement', record.agreement as string | undefined),
      ...optional(
        'incident',
        incident && { source: incident.source, id: incident.id },
      ),
      ...optional(
        'from',
        record.from === undefined ? undefined : utc(record.from),
      ),
      ...optional('to', record.to === undefined ? undefined : utc(record.to)),
      reason: record.reason as CorrectionRecord['reason'],
      note: record.note as string,
    };
  },
  identity: bySourceAndId,
  // An interval may end in the future (planned work announced ahead); its start lies in retention.
  instants: record =>
    record.from ? [{ path: 'from', at: Date.parse(record.from) }] : [],
};

const rules: { [K in RecordKind]: KindRules<RecordsByKind[K]> } = {
  incidents,
  sli,
  costs,
  capacity,
  'dr-tests': drTests,
  corrections,
};

/**
 * What {@link validateRecords} checks beyond the records themselves.
 *
 * @public
 */
export interface RecordValidationOptions {
  /**
   * The instant of validation (epoch ms). Given with `retentionMs`, every instant of a record must
   * lie in [now − retention, now + one bucket (SLI) or one day (the rest)]; a cost month must not
   * end before the retention starts nor begin after that.
   */
  now?: number;
  /** How long measured data is kept, in milliseconds. */
  retentionMs?: number;
}

function instantProblems<T>(
  kindRules: KindRules<T>,
  kind: RecordKind,
  record: T,
  window: RecordInstantWindow,
  problems: ProblemList,
) {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (kind === 'costs') {
    const month = (record as unknown as CostRecord).periodStart;
    const first = earliestCostMonth(window.earliest);
    if (month < first) {
      problems.add(
        'periodStart',
        `is older than the retention: the earliest month kept is ${first} (got ${month})`,
      );
    } else if (
      Date.parse(`${month}-01T00:00:00Z`) > latestRecordInstant(window)
    ) {
      problems.add(
        'periodStart',
        `lies in the future: the latest month accepted now is ${iso(
          latestRecordInstant(window),
        ).slice(0, 7)} (got ${month})`,
      );
    }
    return;
  }
  for (const { path, at, bucketSeconds } of kindRules.instants(record)) {
    const latest = latestRecordInstant(window, bucketSeconds);
    if (at < window.earliest) {
      problems.add(
        path,
        `is older than the retention: it must be at or after ${iso(
          window.earliest,
        )} (got ${iso(at)})`,
      );
    } else if (at > latest) {
      problems.add(
        path,
        `lies in the future: it must be at or before ${iso(latest)} (got ${iso(
          at,
        )})`,
      );
    }
  }
}

/**
 * Validates an ingest batch: `payload` must be a list of at most {@link maxRecordsPerBatch}
 * records of `kind`. Each problem names the record's index and the field's path within it
 * (`resolvedAt`); a problem with the batch as a whole has index -1. Valid records come back
 * normalised: entity references lower-case `kind:namespace/name` (kind `component` and namespace
 * `default` when left out), instants ISO 8601 UTC, durations whole seconds, cost months `YYYY-MM`.
 * With `options.now` and `options.retentionMs`, instants outside the retention window or in the
 * future are problems too (see {@link RecordValidationOptions}). Never throws, whatever the payload.
 *
 * @public
 */
export function validateRecords<K extends RecordKind>(
  kind: K,
  payload: unknown,
  options: RecordValidationOptions = {},
): RecordValidationResult<RecordsByKind[K]> {
  const window =
    options.now !== undefined && options.retentionMs !== undefined
      ? recordInstantWindow({
          now: options.now,
          retentionMs: options.retentionMs,
        })
      : undefined;
  const problems: RecordProblem[] = [];
  if (!isRecordKind(kind)) {
    problems.push({
      index: -1,
      path: '',
      message: `'${shorten(
        String(kind),
      )}' is not a kind of record; the kinds are ${recordKinds.join(', ')}`,
    });
    return { records: [], problems };
  }
  if (!Array.isArray(payload)) {
    problems.push({
      index: -1,
      path: '',
      message: 'the batch must be a JSON array of records',
    });
    return { records: [], problems };
  }
  if (payload.length > maxRecordsPerBatch) {
    problems.push({
      index: -1,
      path: '',
      message: `a batch holds at most ${maxRecordsPerBatch} records (got ${payload.length}); send it in several batches`,
    });
    return { records: [], problems };
  }

  const kindRules = rules[kind] as KindRules<RecordsByKind[K]>;
  const records: RecordsByKind[K][] = [];
  const firstIndex = new Map<string, number>();
  let refused = 0;
  let unlisted = 0;
  payload.forEach((item: unknown, index: number) => {
    const found = new ProblemList();
    let record: RecordsByKind[K] | undefined;
    try {
      found.addAll(schemaProblems(kindRules.schema, item, ''));
      if (isObject(item)) {
        kindRules.check?.(item, found);
      }
      if (found.size === 0) {
        record = kindRules.normalise(item as Fields);
        if (window) instantProblems(kindRules, kind, record, window, found);
        const identity = kindRules.identity.of(record);
        const first = firstIndex.get(identity);
        if (first === undefined) {
          firstIndex.set(identity, index);
        } else {
          found.add(
            kindRules.identity.path,
            `repeats record ${first} (same ${kindRules.identity.fields}); send each record once per batch`,
          );
        }
      }
    } catch (error) {
      found.add('', `could not be read: ${(error as Error)?.message ?? error}`);
    }
    if (found.size > 0) {
      refused += 1;
      for (const problem of found.toArray()) {
        if (problems.length < MAX_PROBLEMS_LISTED) {
          problems.push({ index, ...problem });
        } else {
          unlisted += 1;
        }
      }
    } else if (record) {
      records.push(record);
    }
  });
  if (unlisted > 0) {
    problems.push({
      index: -1,
      path: '',
      message: `${unlisted} more problem(s) are not listed: ${MAX_PROBLEMS_LISTED} are, of ${refused} refused record(s)`,
    });
  }
  return { records, problems };
}
