import { Entity } from '@backstage/catalog-model';
import {
  CapacityRecord,
  CapacityResourceResult,
  CapacityResponse,
  CapacityTrend,
  CapacityResource,
  ThresholdCrossing,
  ValidationProblem,
  capacityForecast,
  capacitySeries,
  daysUntil,
  projectedUsage,
  thresholdLevel,
  utilisation,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { declaredServiceDelivery, recordRef } from './declared';

const DAY = 86_400_000;
/** The chart shows at least this much history, and the forecast at least this far ahead. */
const CHART_DAYS = 90;
const MAX_FORECAST_DAYS = 2 * 366;

export type CapacityChange = { resource: string; capacity: number; at: number };

/** The declared resources, each field checked: the catalog keeps invalid metadata. */
export function declaredResources(entity: Entity): CapacityResource[] {
  const resources = declaredServiceDelivery(entity).capacity?.resources;
  return Array.isArray(resources)
    ? resources.filter(
        (r): r is CapacityResource =>
          !!r &&
          typeof r.name === 'string' &&
          typeof r.capacity === 'number' &&
          r.capacity > 0,
      )
    : [];
}

const iso = (ms: number) => new Date(ms).toISOString();

function crossingView(crossing: ThresholdCrossing) {
  return typeof crossing === 'number' ? iso(crossing) : crossing;
}

const percentOrNull = (value: unknown) =>
  typeof value === 'number' ? value : null;

/** The trend drawn from now to past the last crossing, stepping where the capacity changes. */
function forecastLine(options: {
  trend: CapacityTrend;
  now: number;
  capacity: number;
  change?: CapacityChange;
  crossings: ThresholdCrossing[];
}) {
  const { trend, now, capacity, change } = options;
  const dated = options.crossings.filter(
    (c): c is number => typeof c === 'number',
  );
  const until = Math.min(
    Math.max(now + CHART_DAYS * DAY, ...dated.map(at => at + 7 * DAY)),
    now + MAX_FORECAST_DAYS * DAY,
  );
  const capacityAt = (at: number) =>
    change && at >= change.at ? change.capacity : capacity;
  const instants = new Set<number>([
    now,
    until,
    ...dated.filter(at => at <= until),
  ]);
  if (change && change.at > now && change.at < until) {
    instants.add(change.at - 1);
    instants.add(change.at);
  }
  return [...instants]
    .sort((a, b) => a - b)
    .map(at => ({
      at: iso(at),
      used: Math.max(0, projectedUsage(trend, at)),
      capacity: capacityAt(at),
    }));
}

/** GET /entities/{ref}/capacity */
export async function capacityReport(options: {
  entity: Entity;
  now: number;
  windowSeconds: number;
  growth: number;
  changes: CapacityChange[];
  store: ServiceDeliveryStore;
  problems: ValidationProblem[];
}): Promise<CapacityResponse> {
  const { entity, now, growth, changes } = options;
  const ref = recordRef(entity);
  const resources = declaredResources(entity);
  const windowDays = options.windowSeconds / 86_400;
  const chartFrom = now - Math.max(CHART_DAYS, windowDays) * DAY;
  // the chart's span and what anchors it, not the whole history (13 months or more)
  const records = resources.length
    ? await options.store.listCapacityForForecast({
        entityRefs: [ref],
        since: chartFrom - 1,
        until: now,
      })
    : [];
  const byResource = new Map<string, CapacityRecord[]>();
  for (const record of records) {
    const list = byResource.get(record.resource) ?? [];
    list.push(record);
    byResource.set(record.resource, list);
  }

  const results: CapacityResourceResult[] = resources.map(resource => {
    const samples = byResource.get(resource.name) ?? [];
    const change = changes.find(c => c.resource === resource.name);
    const warning = percentOrNull(resource.warning);
    const critical = percentOrNull(resource.critical);
    const forecast = capacityForecast({
      capacity: resource.capacity,
      warning,
      critical,
      samples,
      now,
      windowDays,
      growth,
      capacityChange: change,
    });
    const series = capacitySeries(resource.capacity, samples).filter(
      s => s.at >= chartFrom && s.at <= now,
    );
    return {
      name: resource.name,
      ...(typeof resource.unit === 'string' ? { unit: resource.unit } : {}),
      capacity: forecast.capacity,
      declaredCapacity: resource.capacity,
      used: forecast.used,
      lastSampleAt:
        forecast.lastSampleAt === null ? null : iso(forecast.lastSampleAt),
      utilisation: forecast.utilisation,
      headroom: forecast.headroom,
      status: forecast.status ?? 'no-data',
      warning,
      critical,
      warningLevel:
        warning === null ? null : thresholdLevel(forecast.capacity, warning),
      criticalLevel:
        critical === null ? null : thresholdLevel(forecast.capacity, critical),
      trendPerDay: forecast.trend?.perDay ?? null,
      samplesInWindow: forecast.samplesInWindow,
      warningAt: crossingView(forecast.warningAt),
      criticalAt: crossingView(forecast.criticalAt),
      exhaustedAt: crossingView(forecast.exhaustedAt),
      daysToWarning: daysUntil(forecast.warningAt, now),
      daysToCritical: daysUntil(forecast.criticalAt, now),
      daysToExhaustion: daysUntil(forecast.exhaustedAt, now),
      samples: series.map(s => ({
        at: iso(s.at),
        used: s.used,
        capacity: s.capacity,
        utilisation: utilisation(s.used, s.capacity),
      })),
      forecast: forecast.trend
        ? forecastLine({
            trend: forecast.trend,
            now,
            capacity: forecast.capacity,
            change,
            crossings: [
              forecast.warningAt,
              forecast.criticalAt,
              forecast.exhaustedAt,
            ],
          })
        : [],
    };
  });

  return {
    entityRef: ref,
    asOf: iso(now),
    window: options.windowSeconds,
    whatIf: {
      growth,
      capacityChanges: changes.map(c => ({
        resource: c.resource,
        capacity: c.capacity,
        at: iso(c.at),
      })),
    },
    resources: results,
    problems: options.problems,
  };
}
