import { Entity } from '@backstage/catalog-model';
import {
  generateMeasuredData,
  loadExampleEntities,
} from '@service-delivery/example-data';
import { OverviewResponse } from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import { createOverviewHarness } from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const MOBILE = 'component:default/mobile-banking-api';

/*
 * The demo's story (examples/, packages/example-data): mobile-banking-api has breached its
 * api-success objective this month after release 7.42, so its retail-mobile-sla policy freezes its
 * features (less than 25 % of the budget left) and asks for a review (breached). The overview shows
 * that state in its policy column and filter.
 */
describe('the demo in the overview', () => {
  it('shows mobile-banking-api with its features frozen by its policy', async () => {
    const now = Date.parse('2026-11-16T12:00:00Z');
    const entities = loadExampleEntities() as Entity[];
    const harness = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
      catalogEntities: entities,
      now: () => now,
    });
    const data = generateMeasuredData({
      entities,
      now: new Date(now),
      months: 1,
    });
    const own = <T extends { entityRef: string }>(records: T[]) =>
      records.filter(record => record.entityRef === MOBILE);
    await harness.measured.ingest('incidents', own(data.incidents));
    await harness.measured.ingest('sli', own(data.sli));
    await harness.refresher.refreshAll();

    const res = await request(harness.app).get(
      '/v1/overview?policy=features-frozen,all-frozen',
    );
    expect(res.status).toBe(200);
    const body: OverviewResponse = res.body;
    expect(body.rows.map(row => [row.entityRef, row.policy?.state])).toEqual([
      [MOBILE, 'features-frozen'],
    ]);
    expect(body.rows[0].policy?.step).toMatchObject({
      agreement: 'retail-mobile-sla',
      objective: 'api-success',
      action: 'freeze-features',
    });
  });
});
