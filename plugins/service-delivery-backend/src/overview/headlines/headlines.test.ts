import {
  AvailabilityResponse,
  CapacityResponse,
  ContinuityResponse,
  CostResponse,
  OverviewRow,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import {
  createOverviewHarness,
  entities,
  loadMeasuredData,
} from '../../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { LIMITING_DEPENDENCIES_IN_ROW } from './availabilityHeadline';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function withDecisionsObjective(entity: Entity): Entity {
  const spec = entity.spec as any;
  const [agreement] = spec.serviceDelivery.agreements;
  return {
    ...entity,
    spec: {
      ...spec,
      serviceDelivery: {
        ...spec.serviceDelivery,
        agreements: [
          {
            ...agreement,
            objectives: [
              ...agreement.objectives,
              { name: 'decisions', kind: 'ratio', target: 99 },
            ],
          },
        ],
      },
    },
  };
}

/*
 * The overview computes each headline from only what it needs (sums instead of SLI buckets, the
 * forecast window instead of every capacity sample, no history). These tests hold it to the tabs:
 * a finding links to a tab, and the tab must show the same figures.
 */
describe.each(databases.eachSupportedId())(
  'headlines agree with the tabs on %p',
  databaseId => {
    let app: express.Express;
    let rows: Map<string, OverviewRow>;

    beforeAll(async () => {
      // fraud-scoring also agrees to a ratio objective, so that sums and buckets are compared
      const catalogEntities = entities.map(entity =>
        entity.metadata.name === 'fraud-scoring'
          ? withDecisionsObjective(entity)
          : entity,
      );
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities,
      });
      await loadMeasuredData(harness.measured);
      // November: 990 of 1,000 and 1,985 of 2,000; the buckets either side are not in it
      await harness.measured.ingest(
        'sli',
        [
          ['2026-10-31T23:00:00.000Z', 1000, 1000],
          ['2026-11-01T00:00:00.000Z', 990, 1000],
          ['2026-11-10T00:00:00.000Z', 1985, 2000],
          ['2026-11-16T00:00:00.000Z', 0, 500],
        ].map(([bucketStart, good, total]) => ({
          entityRef: 'component:default/fraud-scoring',
          source: 'prometheus',
          objective: 'decisions',
          bucketStart: bucketStart as string,
          bucketSeconds: 3600,
          good: good as number,
          total: total as number,
        })),
      );
      await harness.refresher.refreshAll();
      app = harness.app;
      rows = new Map(
        (await harness.overviewStore.readAll()).map(r => [r.entityRef, r.row]),
      );
    });

    const tab = async <T>(path: string): Promise<T> => {
      const res = await request(app).get(`/v1/entities/${path}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it.each([
      ['component/default/payments-api', 'component:default/payments-api'],
      ['resource/default/payments-db', 'resource:default/payments-db'],
      ['component/default/fraud-scoring', 'component:default/fraud-scoring'],
    ])('service level of %s', async (path, ref) => {
      const sla = await tab<SlaResponse>(`${path}/sla`);
      const headline = rows.get(ref)!.serviceLevel!;
      expect(headline.agreements).toEqual(
        sla.agreements.map(agreement => ({
          name: agreement.name,
          type: agreement.type,
          customer: agreement.customer,
          period: agreement.period,
          periodOver: false,
          status: agreement.status,
          objectives: agreement.objectives.map(objective => ({
            name: objective.name,
            kind: objective.kind,
            target: objective.target,
            actual: objective.actual,
            status: objective.status,
            remainingShare: objective.errorBudget.remainingShare,
            burnRate: objective.errorBudget.burnRate,
          })),
        })),
      );
    });

    it('service level of an event objective, from sums', async () => {
      // 2,975 of 3,000 good: 99.1667 % against 99 %, 25 of 30 bad events spent
      const decisions = rows
        .get('component:default/fraud-scoring')!
        .serviceLevel!.agreements[0].objectives.find(
          o => o.name === 'decisions',
        )!;
      expect(decisions.actual).toBeCloseTo((2975 / 3000) * 100, 9);
      expect(decisions.remainingShare).toBeCloseTo(5 / 30, 9);
      expect(decisions.status).toBe('at-risk');
    });

    it.each([
      ['component/default/payments-api', 'component:default/payments-api'],
      ['component/default/reporting', 'component:default/reporting'],
    ])('availability of %s', async (path, ref) => {
      const availability = await tab<AvailabilityResponse>(
        `${path}/availability`,
      );
      expect(rows.get(ref)!.availability).toMatchObject({
        period: availability.period.label,
        availability: availability.availability,
        target: availability.target,
        status: availability.status,
        downtime: availability.downtime,
        failures: availability.failures,
        achievable: availability.composite.achievable,
        unachievable: availability.composite.unachievable,
        limitingDependencies: availability.composite.limitingDependencies
          .slice(0, LIMITING_DEPENDENCIES_IN_ROW)
          .map(d => d.entityRef),
      });
    });

    it('capacity', async () => {
      const capacity = await tab<CapacityResponse>(
        'resource/default/payments-db/capacity',
      );
      expect(
        rows.get('resource:default/payments-db')!.capacity!.resources,
      ).toEqual(
        capacity.resources.map(resource => ({
          name: resource.name,
          status: resource.status,
          utilisation: resource.utilisation,
          criticalAt:
            resource.criticalAt === 'already' ? null : resource.criticalAt,
          daysToCritical: resource.daysToCritical,
        })),
      );
    });

    it('cost', async () => {
      const cost = await tab<CostResponse>(
        'component/default/payments-api/cost',
      );
      const month = cost.months[cost.months.length - 1];
      const last = cost.months[cost.months.length - 2];
      expect(rows.get('component:default/payments-api')!.cost).toMatchObject({
        currency: cost.currency,
        month: month.month,
        actual: month.total,
        budget: month.budget,
        variance: month.variance,
        lastMonth: {
          month: last.month,
          actual: last.total,
          budget: last.budget,
          variance: last.variance,
        },
        forecastYearEnd: cost.forecastYearEnd,
        annualBudget: cost.forecast?.budget,
      });
    });

    it('continuity', async () => {
      const continuity = await tab<ContinuityResponse>(
        'component/default/payments-api/continuity',
      );
      expect(rows.get('component:default/payments-api')!.continuity).toEqual({
        status: continuity.status,
        testOverdue: continuity.testOverdue,
        lastTest: continuity.lastTest?.performedAt ?? null,
        testDueAt: continuity.testDueAt,
        // the tier's policy where it sets one, else the declared interval
        testEvery:
          continuity.objectives.testEvery.policy ?? continuity.testEvery,
        checks: continuity.checks
          .filter(check => check.status !== 'pass')
          .map(({ id, status, message }) => ({ id, status, message })),
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'limiting dependencies in a row on %p',
  databaseId => {
    const service = (name: string, spec: Record<string, unknown>): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:payments',
        ...spec,
      },
    });
    const dependencies = [1, 2, 3, 4, 5, 6, 7].map(i => `dep-${i}`);

    it('are the five that limit most, as the tab ranks them', async () => {
      // seven tier-2 dependencies at their agreed 99.9 %: 99.9⁷ ≈ 99.30 % is below the 99.95 % of
      // tier-1, and each limits the ceiling as much as any other
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: [
          ...entities,
          ...dependencies.map(name =>
            service(name, { serviceDelivery: { tier: 'tier-2' } }),
          ),
          service('gateway', {
            dependsOn: dependencies.map(name => `component:${name}`),
            serviceDelivery: { tier: 'tier-1' },
          }),
        ],
      });
      await harness.refresher.refreshAll();
      const row = (await harness.overviewStore.readAll()).find(
        r => r.entityRef === 'component:default/gateway',
      )!.row;
      const res = await request(harness.app).get(
        '/v1/entities/component/default/gateway/availability',
      );
      const tab: AvailabilityResponse = res.body;

      expect(row.availability!.unachievable).toBe(true);
      expect(row.availability!.achievable).toBeCloseTo(0.999 ** 7 * 100, 9);
      expect(tab.composite.limitingDependencies).toHaveLength(7);
      expect(LIMITING_DEPENDENCIES_IN_ROW).toBe(5);
      // equal contributions and availabilities: by name
      expect(row.availability!.limitingDependencies).toEqual(
        ['dep-1', 'dep-2', 'dep-3', 'dep-4', 'dep-5'].map(
          name => `component:default/${name}`,
        ),
      );
      expect(row.availability!.limitingDependencies).toEqual(
        tab.composite.limitingDependencies.slice(0, 5).map(d => d.entityRef),
      );
    });
  },
);
