import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { IncidentRecord } from '@service-delivery/plugin-service-delivery-common';
import {
  ServiceDeliveryStore,
  TimeRange,
} from '../database/ServiceDeliveryStore';
import {
  PeriodComposites,
  byEntity,
  periodComposites,
} from '../disciplines/availability';
import { CatalogSnapshot } from './catalogSnapshot';

const DAY = 86_400_000;
/** A calendar quarter is at most 92 days; its start in the furthest timezone a day earlier. */
const CURRENT_WINDOW_DAYS = 95;

function within(range: TimeRange, window: TimeRange): boolean {
  return range.from >= window.from && range.to <= window.to;
}

/** As the store reads them: impact overlapping the range, open ones included. */
function overlaps(incident: IncidentRecord, range: TimeRange): boolean {
  const started = Date.parse(incident.startedAt);
  const resolved =
    incident.resolvedAt === null || incident.resolvedAt === undefined
      ? Infinity
      : Date.parse(incident.resolvedAt);
  return started < range.to && resolved > range.from;
}

/**
 * The composite availability of every service of one catalog snapshot: one dependency graph per
 * measurement period (services in other timezones or with other agreement periods measure their
 * dependencies over other spans), each entity in it worked out once and shared by all its
 * dependants, what follows from the edges alone shared by the periods, the incidents of every
 * entity that others depend on read with one query per period.
 */
export class SnapshotComposites {
  private readonly periods = new Map<string, Promise<PeriodComposites>>();
  /** The first period's composites: every other period of the snapshot shares their edges. */
  private edges?: PeriodComposites;
  private readonly outageReads = new Map<
    string,
    Promise<(ref: string) => IncidentRecord[] | undefined>
  >();

  constructor(
    private readonly options: {
      snapshot: CatalogSnapshot;
      store: Pick<ServiceDeliveryStore, 'listIncidents'>;
      settings: ServiceDeliverySettings;
    },
  ) {}

  forPeriod(period: {
    start: number;
    end: number;
    elapsedEnd: number;
  }): Promise<PeriodComposites> {
    const key = `${period.start}/${period.end}/${period.elapsedEnd}`;
    let composites = this.periods.get(key);
    if (!composites) {
      composites = this.load(period);
      this.periods.set(key, composites);
    }
    return composites;
  }

  /**
   * The dependency graph and the incidents of everything others depend on in a period, read as the
   * composites read them (once for every current period), for burn attributed to dependencies.
   */
  async dependencyOutages(period: {
    start: number;
    elapsedEnd: number;
  }): Promise<{
    edgesOf(ref: string): { dependsOn: string[]; redundancy: string[][] };
    incidentsOf(ref: string): IncidentRecord[];
  }> {
    // a past period is read once however many of its breaches ask
    const key = `${period.start}/${period.elapsedEnd}`;
    let read = this.outageReads.get(key);
    if (!read) {
      read = this.incidentsIn(period);
      this.outageReads.set(key, read);
    }
    const incidents = await read;
    return {
      edgesOf: ref => this.options.snapshot.edgesOf(ref),
      incidentsOf: ref => incidents(ref) ?? [],
    };
  }

  private async load(period: {
    start: number;
    end: number;
    elapsedEnd: number;
  }): Promise<PeriodComposites> {
    const { snapshot, settings } = this.options;
    const incidents = await this.incidentsIn(period);
    const composites = periodComposites({
      entityOf: ref => snapshot.get(ref),
      edgesOf: ref => snapshot.edgesOf(ref),
      incidents,
      period,
      settings,
      sameEdgesAs: this.edges,
    });
    this.edges ??= composites;
    return composites;
  }

  private async incidentsIn(period: {
    start: number;
    elapsedEnd: number;
  }): Promise<(ref: string) => IncidentRecord[] | undefined> {
    const range = { from: period.start, to: period.elapsedEnd };
    const incidents = within(range, this.currentWindow())
      ? await (this.current ??= this.read(this.currentWindow()))
      : await this.read(range);
    // every dependant of an entity asks for its incidents: each list is filtered once
    const inRange = new Map<string, IncidentRecord[] | undefined>();
    return ref => {
      if (inRange.has(ref)) return inRange.get(ref);
      const found = incidents
        .get(ref)
        ?.filter(incident => overlaps(incident, range));
      inRange.set(ref, found);
      return found;
    };
  }

  /**
   * The current periods of every service, whatever its timezone and agreement period (a quarter at
   * most, or a rolling 30 days), fall in this window: their incidents are read once for all of them.
   */
  private currentWindow(): TimeRange {
    const at = this.options.snapshot.readAt;
    return { from: at - CURRENT_WINDOW_DAYS * DAY, to: at + DAY };
  }

  private current?: Promise<Map<string, IncidentRecord[]>>;

  private async read(range: TimeRange) {
    const { snapshot, store } = this.options;
    return byEntity(
      await store.listIncidents({ entityRefs: snapshot.dependencies(), range }),
    );
  }
}
