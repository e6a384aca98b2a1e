import { FindingsResponse } from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import {
  createOverviewHarness,
  loadMeasuredData,
} from '../../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/*
 * November 2026 as the overview fixtures have it: payments-api (24x7, UTC) is down 11-03 10:00–11:00,
 * 3,600 s, and breaches its 99.9 % availability objective. payments-db, which it depends on, is out
 * 11-03 09:30–10:45 as well here: 45 of the 60 minutes, 75 % of the consumed budget.
 */
describe.each(databases.eachSupportedId())(
  'a breach caused by a dependency on %p',
  databaseId => {
    it('is a finding naming the dependency and its share', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await loadMeasuredData(harness.measured);
      await harness.measured.ingest('incidents', [
        {
          id: 'D',
          source: 'pagerduty',
          entityRef: 'resource:default/payments-db',
          title: 'Outage D',
          priority: 'P1',
          impact: 'full',
          startedAt: '2026-11-03T09:30:00.000Z',
          resolvedAt: '2026-11-03T10:45:00.000Z',
        },
      ]);
      await harness.refresher.refreshAll();

      const res = await request(harness.app).get('/v1/findings');
      expect(res.status).toBe(200);
      const body: FindingsResponse = res.body;
      expect(
        body.findings.filter(f => f.state === 'breached-by-dependency'),
      ).toEqual([
        {
          id: 'service-level:component:default/payments-api:dependency-burn:retail-sla/availability',
          severity: 'high',
          entityRef: 'component:default/payments-api',
          discipline: 'service-level',
          subject: 'dependency-burn:retail-sla/availability',
          state: 'breached-by-dependency',
          message:
            "75% of the 2026-11 retail-sla/availability budget burned during payments-db outages: that dependency caused most of payments-api's breach.",
          link: '/catalog/default/component/payments-api/sla',
          mentions: ['resource:default/payments-db'],
        },
      ]);
    });

    it('is no finding while the dependency was out for less than most of it', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const body: FindingsResponse = (
        await request(harness.app).get('/v1/findings')
      ).body;
      expect(body.findings.map(f => f.state)).toContain('breached');
      expect(body.findings.map(f => f.state)).not.toContain(
        'breached-by-dependency',
      );
    });
  },
);
