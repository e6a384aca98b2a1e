import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import yaml from 'yaml';
import { exportOpenSlo, importOpenSlo, openSloName } from './openslo';
import { opensloMain } from './opensloCommand';
import { readDeclaringEntities } from './validateFiles';

const examples = path.resolve(__dirname, '../../../examples');

async function exampleFiles() {
  return (await fs.readdir(examples))
    .filter(f => f.endsWith('.yaml') && f !== 'all.yaml')
    .map(f => path.join(examples, f));
}

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    },
  };
}

describe('OpenSLO', () => {
  it('round-trips every agreement with objectives of the example catalog', async () => {
    const { entities, problems } = await readDeclaringEntities(
      await exampleFiles(),
    );
    expect(problems).toEqual([]);
    const documents = exportOpenSlo(entities.map(e => e.entity));
    // through YAML text, as files carry them
    const text = documents.map(d => yaml.stringify(d)).join('---\n');
    const imported = importOpenSlo(
      yaml.parseAllDocuments(text).map(d => d.toJSON()),
    );
    expect(imported.problems).toEqual([]);

    // every agreement that has objectives comes back as declared (the period spelled out)
    const declared = entities
      .map(({ entity }) => ({
        entity: `${entity.kind.toLocaleLowerCase('en-US')}:default/${
          entity.metadata.name
        }`,
        agreements: (
          (entity.spec.serviceDelivery as { agreements?: any[] }).agreements ??
          []
        )
          .filter(a => (a.objectives ?? []).length > 0)
          .map(a => ({ period: 'month', ...a })),
      }))
      .filter(e => e.agreements.length > 0);
    expect(
      imported.services.map(s => ({
        entity: s.entity,
        agreements: s.serviceDelivery.agreements,
      })),
    ).toEqual(declared);
    expect(
      declared.flatMap(e => e.agreements.flatMap(a => a.objectives)).length,
    ).toBeGreaterThan(20);
  });

  it('writes SLOs, SLIs and burn-rate alert policies as OpenSLO v1 says', () => {
    const documents = exportOpenSlo([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Payments_API' },
        spec: {
          serviceDelivery: {
            serviceHours: { timezone: 'Europe/London' },
            agreements: [
              {
                name: 'retail-sla',
                type: 'SLA',
                period: 'rolling-28d',
                objectives: [
                  {
                    name: 'latency',
                    kind: 'latency',
                    threshold: '300ms',
                    target: 99,
                    prometheus: {
                      good: 'sum(rate(http_bucket{le="0.3"}[5m]))',
                      total: 'sum(rate(http_count[5m]))',
                    },
                  },
                  { name: 'availability', kind: 'availability', target: 99.95 },
                ],
              },
            ],
          },
        },
      },
    ]);
    expect(documents.map(d => `${d.kind} ${d.metadata.name}`)).toEqual([
      'Service payments-api',
      'SLO payments-api-retail-sla-latency',
      'SLO payments-api-retail-sla-availability',
      'AlertPolicy service-delivery-page-1h',
      'AlertPolicy service-delivery-page-6h',
      'AlertPolicy service-delivery-ticket-3d',
    ]);
    const latency = documents[1].spec as any;
    expect(latency.timeWindow).toEqual([{ duration: '28d', isRolling: true }]);
    expect(latency.budgetingMethod).toBe('Occurrences');
    // 300 ms is 0.3 s, the unit of the histogram's buckets
    expect(latency.objectives).toEqual([
      { displayName: 'latency', targetPercent: 99, op: 'lte', value: 0.3 },
    ]);
    expect(latency.indicator.spec.ratioMetric.good.metricSource).toEqual({
      type: 'Prometheus',
      spec: { query: 'sum(rate(http_bucket{le="0.3"}[5m]))' },
    });
    const availability = documents[2].spec as any;
    expect(availability.indicator.spec.thresholdMetric.metricSource.type).toBe(
      'BackstageServiceDelivery',
    );
    const page = documents[3].spec as any;
    expect(page.conditions[0].spec).toEqual({
      severity: 'page',
      condition: {
        kind: 'burnrate',
        op: 'gt',
        threshold: 14.4,
        lookbackWindow: '1h',
        alertAfter: '5m',
      },
    });
    expect(
      (documents[5].spec as any).conditions[0].spec.condition,
    ).toMatchObject({ threshold: 1, lookbackWindow: '3d', alertAfter: '6h' });
  });

  it('imports SLOs written elsewhere, and names what it cannot carry over', () => {
    const documents = yaml
      .parseAllDocuments(
        `
apiVersion: openslo/v1
kind: Service
metadata: { name: checkout }
spec: { description: Checkout }
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-success }
spec:
  ratioMetric:
    counter: true
    good: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(ok[5m]))' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(all[5m]))' } } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-success }
spec:
  service: checkout
  indicatorRef: checkout-success
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar: { startTime: '2024-01-01 00:00:00', timeZone: Europe/Berlin }
  budgetingMethod: Occurrences
  objectives:
    - { displayName: Success rate, target: 0.995 }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-weekly }
spec:
  service: checkout
  indicatorRef: checkout-success
  timeWindow: [{ duration: 7d, isRolling: true }]
  objectives: [{ target: 0.99 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-datadog }
spec:
  service: checkout
  indicator:
    metadata: { name: dd }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Datadog, spec: { query: 'ok' } } }
        total: { metricSource: { type: Datadog, spec: { query: 'all' } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ displayName: dd, target: 0.9 }]
---
apiVersion: openslo/v2alpha
kind: SLO
metadata: { name: future }
spec: {}
`,
      )
      .map(d => d.toJSON());
    const imported = importOpenSlo(documents);
    expect(imported.services).toEqual([
      {
        entity: 'checkout',
        serviceDelivery: {
          serviceHours: { timezone: 'Europe/Berlin' },
          agreements: [
            {
              name: 'checkout-month',
              type: 'OLA',
              period: 'month',
              objectives: [
                {
                  name: 'success-rate',
                  kind: 'ratio',
                  target: 99.5,
                  prometheus: {
                    good: 'sum(rate(ok[5m]))',
                    total: 'sum(rate(all[5m]))',
                  },
                },
              ],
            },
          ],
        },
      },
    ]);
    expect(imported.problems.map(p => p.document)).toEqual([
      'document 6 (SLO future)',
      'SLO checkout-weekly',
      'SLO checkout-datadog',
    ]);
    expect(imported.problems[1].message).toMatch(/7d/);
    expect(imported.problems[2].message).toMatch(/only Prometheus queries/);
  });

  it('makes names OpenSLO accepts', () => {
    expect(openSloName('Payments_API', 'retail sla', 'p99')).toBe(
      'payments-api-retail-sla-p99',
    );
    const long = openSloName('a'.repeat(50), 'b'.repeat(50));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9-]+$/);
    expect(long).not.toBe(openSloName('a'.repeat(50), 'c'.repeat(50)));
  });

  it('exports and imports files from the command line', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-openslo-'));
    const file = path.join(dir, 'openslo.yaml');
    const written = collect();
    expect(
      await opensloMain(
        [
          'export',
          '--out',
          file,
          path.join(examples, 'payments-processing.yaml'),
        ],
        written.output,
      ),
    ).toBe(0);
    expect(written.err[0]).toMatch(/^Wrote \d+ OpenSLO documents/);

    const read = collect();
    expect(await opensloMain(['import', file], read.output)).toBe(0);
    expect(read.err).toEqual([]);
    const snippets = read.out.join('\n');
    expect(snippets).toContain('# component:default/payments-api');
    expect(snippets).toContain('name: retail-payments-sla');

    const usage = collect();
    expect(await opensloMain(['convert', file], usage.output)).toBe(2);
    expect(usage.err[0]).toMatch(/^Usage/);
  });
});
