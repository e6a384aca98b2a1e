import {
  CapacityRecord,
  chunks,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { REFS_PER_QUERY } from './sql';
import { countedSeriesCondition, tables } from './tables';

/**
 * The capacity samples a forecast at `until` reads, oldest first: those after `since` (the trend
 * window, or a chart's), the latest sample before it that carries a capacity (the capacity in force
 * when the window opens), and — for a resource without samples in the window — its latest one. Not
 * the history before: the forecast and the chart need none of it.
 */
export async function readCapacityForForecast(
  db: Knex,
  options: { entityRefs: string[]; since: number; until: number },
): Promise<CapacityRecord[]> {
  const { since, until } = options;
  const mapping = tables.capacity;
  const counted = countedSeriesCondition('capacity');
  const result: CapacityRecord[] = [];
  for (const refs of chunks([...new Set(options.entityRefs)], REFS_PER_QUERY)) {
    const rows = await db(mapping.table)
      .select('*')
      .whereIn('entity_ref', refs)
      .andWhere('at', '>', since)
      .andWhere('at', '<=', until)
      .whereRaw(counted);
    const recent = new Set<string>();
    for (const row of rows) {
      result.push(mapping.fromRow(row));
      recent.add(`${row.entity_ref}|${row.resource}`);
    }
    // before the window, per resource: its latest sample, and its latest one with a capacity
    const before: Array<{
      entity_ref: string;
      resource: string;
      latest: unknown;
      latest_capacity: unknown;
    }> = await db(mapping.table)
      .select('entity_ref', 'resource')
      .max({ latest: 'at' })
      .select(
        db.raw(
          'max(case when capacity is not null then at end) as latest_capacity',
        ),
      )
      .whereIn('entity_ref', refs)
      .andWhere('at', '<=', since)
      .whereRaw(counted)
      .groupBy('entity_ref', 'resource');
    const wanted: Array<[string, string, number]> = [];
    for (const series of before) {
      const withCapacity =
        series.latest_capacity === null ? null : Number(series.latest_capacity);
      if (withCapacity !== null) {
        wanted.push([series.entity_ref, series.resource, withCapacity]);
      }
      const latest = Number(series.latest);
      if (
        !recent.has(`${series.entity_ref}|${series.resource}`) &&
        latest !== withCapacity
      ) {
        wanted.push([series.entity_ref, series.resource, latest]);
      }
    }
    for (const part of chunks(wanted, REFS_PER_QUERY)) {
      const found = await db(mapping.table)
        .select('*')
        .whereIn(['entity_ref', 'resource', 'at'], part)
        .whereRaw(counted);
      for (const row of found) result.push(mapping.fromRow(row));
    }
  }
  return result.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
