import { Finding } from '../overview';
import { planNotifications } from './notifications';

const finding = (
  entityRef: string,
  discipline: Finding['discipline'],
  subject: string,
  state: string,
): Finding => ({
  id: `${discipline}:${entityRef}:${subject}`,
  severity: 'high',
  entityRef,
  discipline,
  subject,
  state,
  message: `${subject} is ${state}`,
  link: '/catalog',
});

const api = 'component:default/payments-api';
const db = 'resource:default/payments-db';

describe('planNotifications', () => {
  const current = [
    finding(
      api,
      'service-level',
      'objective:retail-sla/availability',
      'breached',
    ),
    finding(api, 'service-level', 'objective:retail-sla/latency', 'at-risk'),
    finding(api, 'continuity', 'dr-test', 'overdue'),
    finding(db, 'capacity', 'resource:storage', 'critical-soon'),
    // not notified: a warning, a metadata problem, a cost overrun
    finding(db, 'capacity', 'resource:cpu', 'warning'),
    finding(api, 'metadata', 'metadata:spec.serviceDelivery.tier', 'invalid'),
    finding(api, 'cost', 'budget-month', 'over-budget'),
  ];

  it('sends every notified state the first time and records it', () => {
    const plan = planNotifications(current, new Map());
    expect(plan.send.map(f => f.subject)).toEqual([
      'objective:retail-sla/availability',
      'objective:retail-sla/latency',
      'dr-test',
      'resource:storage',
    ]);
    expect(plan.record).toContainEqual({
      entityRef: api,
      subject: 'dr-test',
      previous: null,
      state: 'overdue',
    });
  });

  it('sends nothing when nothing changed', () => {
    const recorded = new Map(
      planNotifications(current, new Map()).record.map(r => [
        `${r.entityRef}|${r.subject}`,
        r.state,
      ]),
    );
    expect(planNotifications(current, recorded)).toEqual({
      send: [],
      record: [],
    });
  });

  it('sends a change of state (at risk → breached) and records recoveries silently', () => {
    const recorded = new Map([
      [`${api}|objective:retail-sla/availability`, 'at-risk'],
      [`${api}|objective:retail-sla/latency`, 'at-risk'],
      [`${api}|dr-test`, 'overdue'],
      [`${db}|resource:storage`, 'critical-soon'],
      [`${db}|resource:disk`, 'critical'],
      [`${db}|resource:old`, 'ok'],
    ]);
    const plan = planNotifications(current, recorded);
    expect(plan.send.map(f => [f.subject, f.state])).toEqual([
      ['objective:retail-sla/availability', 'breached'],
    ]);
    expect(plan.record).toEqual([
      {
        entityRef: api,
        subject: 'objective:retail-sla/availability',
        previous: 'at-risk',
        state: 'breached',
      },
      {
        entityRef: db,
        subject: 'resource:disk',
        previous: 'critical',
        state: 'ok',
      },
    ]);
  });

  it('tells of a policy freeze once, of a stronger one, and records its lifting silently', () => {
    const frozen = (state: string) => [
      finding(api, 'service-level', 'policy:retail-sla', state),
    ];
    const recorded = new Map<string, string>();
    const apply = (plan: ReturnType<typeof planNotifications>) => {
      for (const r of plan.record) {
        recorded.set(`${r.entityRef}|${r.subject}`, r.state);
      }
      return plan;
    };

    const entering = apply(
      planNotifications(frozen('features-frozen'), recorded),
    );
    expect(entering.send.map(f => [f.subject, f.state])).toEqual([
      ['policy:retail-sla', 'features-frozen'],
    ]);
    // the next refresh, still frozen: nothing
    expect(
      apply(planNotifications(frozen('features-frozen'), recorded)),
    ).toEqual({ send: [], record: [] });
    const stronger = apply(planNotifications(frozen('all-frozen'), recorded));
    expect(stronger.send.map(f => f.state)).toEqual(['all-frozen']);
    // lifted: the finding is gone; recorded as ok without a message
    const lifted = apply(planNotifications([], recorded));
    expect(lifted).toEqual({
      send: [],
      record: [
        {
          entityRef: api,
          subject: 'policy:retail-sla',
          previous: 'all-frozen',
          state: 'ok',
        },
      ],
    });
    // frozen again later: news again
    expect(
      planNotifications(frozen('features-frozen'), recorded).send,
    ).toHaveLength(1);
  });

  it('tells of a relapse after a recovery', () => {
    const recorded = new Map([[`${api}|dr-test`, 'ok']]);
    const plan = planNotifications(
      [finding(api, 'continuity', 'dr-test', 'overdue')],
      recorded,
    );
    expect(plan.send).toHaveLength(1);
  });
});
