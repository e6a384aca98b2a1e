import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import {
  NOW,
  createOverviewHarness,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

describe.each(databases.eachSupportedId())(
  'the per-caller bound on other periods on %p',
  databaseId => {
    let app: express.Express;
    let now = NOW;
    let computed: string[];

    beforeAll(async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const compute = harness.refresher.computePeriod.bind(harness.refresher);
      computed = [];
      jest
        .spyOn(harness.refresher, 'computePeriod')
        .mockImplementation(async period => {
          computed.push(period);
          return compute(period);
        });
      app = harness.app;
    });

    it('answers 429 with Retry-After when one caller cycles periods, while others and computed periods are served', async () => {
      const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
      const overview = (period: string, header: string) =>
        request(app)
          .get(`/v1/overview?period=${period}`)
          .set('authorization', header);

      for (const month of [...months, '2026-06']) {
        now += 1_000;
        expect((await overview(month, alice)).status).toBe(200);
      }
      now += 1_000;
      const refused = await overview('2026-07', alice);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('54');
      expect(refused.body.error.message).toMatch(
        /a caller may have 6 periods other than the current one computed per minute .*try again in 54 s/,
      );
      const csv = await request(app)
        .get('/v1/overview.csv?period=2026-08')
        .set('authorization', alice);
      expect(csv.status).toBe(429);
      expect(computed).toEqual([...months, '2026-06']);

      // what is computed is served to anyone, the current period is never bounded
      expect((await overview('2026-03', alice)).status).toBe(200);
      expect((await overview('2026-03', bob)).status).toBe(200);
      expect(
        (await request(app).get('/v1/findings').set('authorization', alice))
          .status,
      ).toBe(200);
      // another caller has a budget of their own
      expect((await overview('2026-07', bob)).status).toBe(200);
      expect(computed).toEqual([...months, '2026-06', '2026-07']);

      // a minute after the first, the caller may start one again
      now = NOW + 61_000;
      expect((await overview('2026-08', alice)).status).toBe(200);
    });
  },
);
