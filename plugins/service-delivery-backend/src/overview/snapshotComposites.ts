import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { IncidentRecord } from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import {
  PeriodComposites,
  periodComposites,
} from '../disciplines/availability';
import { CatalogSnapshot } from './catalogSnapshot';

/**
 * The composite availability of every service of one catalog snapshot: one dependency graph per
 * measurement period (services in other timezones or with other agreement periods measure their
 * dependencies over other spans), each entity in it worked out once and shared by all its
 * dependants, the incidents of every entity that others depend on read with one query per period.
 */
export class SnapshotComposites {
  private readonly periods = new Map<string, Promise<PeriodComposites>>();

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

  private async load(period: {
    start: number;
    end: number;
    elapsedEnd: number;
  }): Promise<PeriodComposites> {
    const { snapshot, store, settings } = this.options;
    const incidents = new Map<string, IncidentRecord[]>();
    for (const incident of await store.listIncidents({
      entityRefs: snapshot.dependencies(),
      range: { from: period.start, to: period.elapsedEnd },
    })) {
      const list = incidents.get(incident.entityRef);
      if (list) list.push(incident);
      else incidents.set(incident.entityRef, [incident]);
    }
    return periodComposites({
      entityOf: ref => snapshot.get(ref),
      edgesOf: ref => snapshot.edgesOf(ref),
      incidents: ref => incidents.get(ref),
      period,
      settings,
    });
  }
}
