import { Entity } from '@backstage/catalog-model';
import {
  validateEntityServiceDelivery,
  validateRecords,
} from '@service-delivery/plugin-service-delivery-common';
import { parse } from 'yaml';
import { availabilityExample } from './components/availability/AvailabilityContent/AvailabilityContent';
import { capacityExample } from './components/capacity/CapacityContent/CapacityContent';
import { continuityExample } from './components/continuity/ContinuityContent/ContinuityContent';
import { costExample } from './components/cost/CostContent/CostContent';
import { agreementsExample } from './components/sla/SlaContent/SlaContent';
import {
  IngestKind,
  capacityRecord,
  costRecord,
  drTestRecord,
  incidentRecord,
  ingestCall,
  lastWholeHourBefore,
  prometheusConfig,
  sliRecord,
} from './ingestExamples';

/** The JSON body of an ingest call, read back out of the shell quoting. */
function bodyOf(call: string): unknown {
  const body = call.slice(call.indexOf(" -d '") + 5, call.lastIndexOf("'"));
  return JSON.parse(body.replace(/'\\''/g, "'"));
}

describe('the YAML an undeclared tab shows', () => {
  it.each([
    ['SLA', agreementsExample],
    ['Availability', availabilityExample],
    ['Cost', costExample],
    ['Capacity', capacityExample],
    ['Continuity', continuityExample],
  ])('%s: valid spec.serviceDelivery', (_, example) => {
    const { spec } = parse(example);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api' },
      spec: { type: 'service', owner: 'group:payments', ...spec },
    };
    expect(Object.keys(spec)).toEqual(['serviceDelivery']);
    expect(validateEntityServiceDelivery(entity)).toEqual([]);
  });
});

describe('ingestCall', () => {
  const entityRef = 'component:default/payments-api';
  const at = '2026-10-20T08:00:00.000Z';

  it.each<[IngestKind, object]>([
    ['incidents', incidentRecord(entityRef, at)],
    ['sli', sliRecord(entityRef, 'success-rate', at)],
    ['costs', costRecord(entityRef, '2026-10', 'EUR')],
    ['capacity', capacityRecord(entityRef, 'cpu', at, 32)],
    ['dr-tests', drTestRecord(entityRef, at)],
  ])('%s: a record the ingest route accepts', (kind, record) => {
    const call = ingestCall(kind, [record]);
    expect(call).toContain(
      `curl -X POST "$BACKSTAGE_BACKEND_URL/api/service-delivery/v1/ingest/${kind}"`,
    );
    const body = bodyOf(call);
    expect(body).toEqual([record]);
    expect(validateRecords(kind, body).problems).toEqual([]);
  });

  it('keeps a quote in a value inside the shell word', () => {
    const call = ingestCall('incidents', [{ title: "it's down" }]);
    expect(call).toContain(`"title": "it'\\''s down"`);
    expect(bodyOf(call)).toEqual([{ title: "it's down" }]);
  });
});

describe('lastWholeHourBefore', () => {
  it('starts the hour before the one the instant is in', () => {
    expect(lastWholeHourBefore('2026-10-20T09:00:00.000Z')).toBe(
      '2026-10-20T08:00:00.000Z',
    );
    expect(lastWholeHourBefore('2026-10-20T09:59:59.999Z')).toBe(
      '2026-10-20T08:00:00.000Z',
    );
  });
});

describe('prometheusConfig', () => {
  it('sets the base URL and lists the declared queries', () => {
    const config = prometheusConfig([
      {
        name: 'success-rate',
        queries: { good: 'sum(good[$bucket])', total: 'sum(all[$bucket])' },
      },
    ]);
    expect(parse(config)).toEqual({
      serviceDelivery: {
        prometheus: {
          baseUrl: 'http://prometheus.monitoring:9090',
          bucket: '1h',
          backfill: '30d',
        },
      },
    });
    expect(config).toContain('#   good: sum(good[$bucket])');
    expect(config).toContain('#   total: sum(all[$bucket])');
  });
});
