import {
  ServiceHoursError,
  SlaReportResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import {
  NOW,
  createOverviewHarness,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { unreportedService } from './slaReport';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('SLA reports on %p', databaseId => {
  let app: express.Express;
  let harness: Awaited<ReturnType<typeof createOverviewHarness>>;

  beforeAll(async () => {
    harness = await createOverviewHarness({
      knex: await databases.init(databaseId),
    });
    await loadMeasuredData(harness.measured);
    await harness.refresher.refreshAll();
    app = harness.app;
  });

  it('reports one service: objectives against targets, support, credits, availability and incidents', async () => {
    const res = await request(app).get(
      '/v1/reports/sla?entityRef=component:default/payments-api',
    );
    expect(res.status).toBe(200);
    const report: SlaReportResponse = res.body;
    expect(report).toMatchObject({
      generatedAt: '2026-11-16T00:00:00.000Z',
      period: null,
      scope: { entityRef: 'component:default/payments-api', filters: {} },
      summary: {
        services: 1,
        byStatus: { breached: 1, 'at-risk': 0, met: 0, 'no-data': 0 },
        agreements: 1,
        agreementsBreached: 1,
        creditsOwed: 0,
        creditsPending: 1,
      },
    });
    const [service] = report.services;
    expect(service).toMatchObject({
      entityRef: 'component:default/payments-api',
      name: 'payments-api',
      owner: 'group:payments',
      tier: 'tier-1',
      status: 'breached',
      period: { label: '2026-11' },
      availability: {
        target: 99.9,
        status: 'breached',
        agreedServiceTime: 1_296_000,
        downtime: 3600,
        failures: 1,
        mtrs: 3600,
      },
    });
    const [agreement] = service.agreements;
    expect(agreement).toMatchObject({
      name: 'retail-sla',
      type: 'SLA',
      customer: 'group:retail-banking',
      status: 'breached',
      objectives: [{ name: 'availability', target: 99.9, status: 'breached' }],
      support: [
        {
          priority: 'P1',
          responseTarget: 900,
          resolutionTarget: 14_400,
          incidents: 1,
          respondedInTime: 1,
          resolvedInTime: 1,
        },
      ],
      serviceCredits: {
        terms: '5% of the monthly fee per 0.1% below target',
        state: 'pending',
        missedObjectives: ['availability'],
      },
    });
    expect(service.incidents).toEqual([
      {
        id: 'A',
        title: 'Outage A',
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-11-03T10:00:00.000Z',
        resolvedAt: '2026-11-03T11:00:00.000Z',
        downtime: 3600,
      },
    ]);
  });

  it('owes credits for a breach once its period is over', async () => {
    // no credit terms, nothing owed
    const fraud = await request(app).get(
      '/v1/reports/sla?entityRef=component:default/fraud-scoring&period=2026-11',
    );
    expect(fraud.body.services[0].agreements[0].serviceCredits.state).toBe(
      'none',
    );
    // September: 2 h down of 2,592,000 s, 2,592 s allowed → breached, and the month is over
    await harness.measured.ingest('incidents', [
      {
        id: 'S',
        source: 'pagerduty',
        entityRef: 'component:default/payments-api',
        title: 'Outage S',
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-09-10T10:00:00.000Z',
        acknowledgedAt: '2026-09-10T10:05:00.000Z',
        resolvedAt: '2026-09-10T12:00:00.000Z',
      },
    ]);
    const september: SlaReportResponse = (
      await request(app).get(
        '/v1/reports/sla?entityRef=component:default/payments-api&period=2026-09',
      )
    ).body;
    expect(september.period).toBe('2026-09');
    expect(september.summary).toMatchObject({
      creditsOwed: 1,
      creditsPending: 0,
    });
    expect(september.services[0].agreements[0]).toMatchObject({
      status: 'breached',
      serviceCredits: { state: 'owed', missedObjectives: ['availability'] },
    });
  });

  it('reports a filtered portfolio, worst first', async () => {
    const report: SlaReportResponse = (
      await request(app).get(
        '/v1/reports/sla?owner=group:payments&system=payments-processing',
      )
    ).body;
    expect(report.scope.filters).toEqual({
      owner: ['group:default/payments'],
      system: ['system:default/payments-processing'],
    });
    expect(report.services.map(s => [s.name, s.status])).toEqual([
      ['payments-api', 'breached'],
      ['fraud-scoring', 'at-risk'],
      ['payments-db', 'met'],
    ]);
    expect(report.summary).toMatchObject({
      services: 3,
      agreements: 3,
      agreementsBreached: 1,
    });
  });

  it('answers the same data as CSV, a line per objective and per support target', async () => {
    const res = await request(app).get(
      '/v1/reports/sla.csv?system=payments-processing&period=2026-11',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="sla-report-2026-11.csv"',
    );
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual([
      'entityRef',
      'name',
      'owner',
    ]);
    // payments-api: objective + P1 support; fraud-scoring and payments-db: one objective each
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toContain(
      ',retail-sla,SLA,group:retail-banking,breached,objective,availability,availability,99.9,',
    );
    expect(lines[2]).toContain(',support,,,,,,,P1,900,14400,1,1,1,');
    // no dependency was out while payments-api was: the attribution columns stay empty, and so
    // do the correction columns of a line that is not a correction
    expect(lines[1]).toMatch(
      /,5% of the monthly fee per 0\.1% below target,pending,,,,,,,$/,
    );
  });

  it.each([
    [
      '?entityRef=component:default/ghost',
      404,
      'No entity component:default/ghost',
    ],
    ['?entityRef=a&entityRef=b', 400, "Invalid query parameter 'entityRef'"],
    ['?period=Q5', 400, "Invalid query parameter 'period'"],
    ['?sort=name', 400, "Unknown query parameter 'sort'"],
  ])('answers %s with %d', async (query, status, message) => {
    const res = await request(app).get(`/v1/reports/sla${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });
});

describe('unreportedService', () => {
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'odd-hours', namespace: 'default' },
    spec: {
      owner: 'group:payments',
      system: 'payments-processing',
      serviceDelivery: { tier: 'tier-1' },
    },
  };
  const declared = { path: 'spec.serviceDelivery.tier', message: 'declared' };

  it('says what its declaration makes impossible, with no figures', () => {
    const service = unreportedService({
      entity,
      now: NOW,
      problems: [declared],
      error: new ServiceHoursError(
        'serviceHours.weekly[0].from: "25:00" is not a time of day',
      ),
    });
    expect(service).toEqual({
      entityRef: 'component:default/odd-hours',
      name: 'odd-hours',
      title: null,
      owner: 'group:payments',
      system: 'payments-processing',
      tier: 'tier-1',
      period: {
        label: '2026-11',
        start: '2026-11-01T00:00:00.000Z',
        end: '2026-12-01T00:00:00.000Z',
        measuredUntil: '2026-11-16T00:00:00.000Z',
        timezone: 'UTC',
      },
      status: 'no-data',
      availability: null,
      agreements: [],
      incidents: [],
      problems: [
        declared,
        {
          path: '',
          message:
            'Its figures could not be computed for this report: serviceHours.weekly[0].from: "25:00" is not a time of day',
        },
      ],
    });
  });

  it('only names any other failure: its details are for the log', () => {
    const service = unreportedService({
      entity,
      period: '2026-10',
      now: NOW,
      problems: [],
      error: new Error('connect ECONNREFUSED 10.0.0.5:5432'),
    });
    expect(service.period.label).toBe('2026-10');
    expect(service.problems).toEqual([
      {
        path: '',
        message:
          'Its figures could not be computed for this report: an internal error, logged by the backend',
      },
    ]);
  });
});
