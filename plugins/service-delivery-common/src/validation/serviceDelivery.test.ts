import { Entity } from '@backstage/catalog-model';
import {
  isServiceDeliveryEntityKind,
  validateEntityServiceDelivery,
  validateServiceDelivery,
} from './serviceDelivery';
import { ServiceDeliveryValidationOptions } from './serviceDelivery';

/** The example of DESIGN §2, as the catalog's YAML parser reads it. */
function fullExample(): Record<string, any> {
  return {
    tier: 'tier-1',
    redundancy: [
      { anyOf: ['resource:payments-db-eu', 'resource:payments-db-us'] },
    ],
    serviceHours: {
      timezone: 'Europe/London',
      schedule: '24x7',
      maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
    },
    agreements: [
      {
        name: 'retail-sla',
        type: 'SLA',
        customer: 'group:retail-banking',
        provider: 'group:payments',
        period: 'month',
        effective: '2026-01-01',
        expires: '2027-01-01',
        document: 'https://example.com/slas/retail.pdf',
        objectives: [
          { name: 'availability', kind: 'availability', target: 99.95 },
          {
            name: 'checkout-latency',
            kind: 'latency',
            threshold: '300ms',
            target: 99.0,
          },
          { name: 'success-rate', kind: 'ratio', target: 99.9 },
        ],
        support: [
          { priority: 'P1', response: '15m', resolution: '4h' },
          { priority: 'P2', response: '1h', resolution: '1d' },
        ],
        serviceCredits: '5% of the monthly fee per 0.1% below target',
      },
    ],
    cost: {
      costCenter: 'CC-4711',
      currency: 'EUR',
      budget: { monthly: 42000 },
      chargingPolicy: 'cost-recovery',
      chargeback: [
        { consumer: 'group:retail-banking', share: 60 },
        { consumer: 'group:corporate-banking', share: 40 },
      ],
      unit: { name: 'transaction', sli: 'success-rate' },
    },
    capacity: {
      resources: [
        { name: 'cpu', unit: 'cores', capacity: 64, warning: 70, critical: 85 },
        {
          name: 'storage',
          unit: 'GiB',
          capacity: 2048,
          warning: 75,
          critical: 90,
        },
      ],
    },
    continuity: {
      rto: '1h',
      rpo: '15m',
      strategy: 'hot-standby',
      plan: 'https://example.com/dr/payments',
      testEvery: '6mo',
      sites: ['eu-west-1', 'eu-central-1'],
      businessImpact: {
        costPerHour: 120000,
        currency: 'EUR',
        notes: 'card payments stop',
      },
      risks: [
        {
          threat: 'regional-outage',
          likelihood: 'low',
          impact: 'high',
          mitigation: 'second region',
        },
      ],
    },
  };
}

const tiers = ['tier-1', 'tier-2', 'tier-3'];
const dependsOn = [
  'resource:payments-db-eu',
  'resource:payments-db-us',
  'component:fraud-scoring',
];

const agreement = (fields: Record<string, unknown>) => ({
  agreements: [{ name: 'retail-sla', type: 'SLA', ...fields }],
});
const objective = (fields: Record<string, unknown>) =>
  agreement({
    objectives: [
      { name: 'availability', kind: 'availability', target: 99.9, ...fields },
    ],
  });
const window = (fields: Record<string, unknown>) => ({
  serviceHours: {
    weekly: [{ days: ['mon'], from: '08:00', to: '18:00', ...fields }],
  },
});
const maintenance = (fields: Record<string, unknown>) => ({
  serviceHours: {
    maintenance: [{ days: ['sun'], from: '02:00', to: '04:00', ...fields }],
  },
});
const resource = (fields: Record<string, unknown>) => ({
  capacity: { resources: [{ name: 'cpu', capacity: 64, ...fields }] },
});
const chargeback = (...shares: unknown[]) => ({
  cost: {
    chargeback: shares.map((share, i) => ({
      consumer: `group:team-${i}`,
      share,
    })),
  },
});

const sd = 'spec.serviceDelivery';

describe('validateServiceDelivery', () => {
  it('accepts the full example of the design', () => {
    expect(
      validateServiceDelivery(fullExample(), { tiers, dependsOn }),
    ).toEqual([]);
  });

  it('accepts an absent or empty block and a block of one discipline', () => {
    expect(validateServiceDelivery(undefined)).toEqual([]);
    expect(validateServiceDelivery({})).toEqual([]);
    expect(
      validateServiceDelivery({ continuity: { rto: 3600, rpo: 'PT15M' } }),
    ).toEqual([]);
    expect(
      validateServiceDelivery({ cost: { budget: { annual: 500000 } } }),
    ).toEqual([]);
    expect(
      validateServiceDelivery(window({ days: ['mon', 'fri'], to: '24:00' })),
    ).toEqual([]);
  });

  it('accepts http, https and mailto links, whatever their case', () => {
    for (const link of [
      'http://intranet.example.com/dr/payments',
      'HTTPS://example.com/slas/retail.pdf',
      'mailto:service-desk@example.com?subject=Retail%20SLA',
    ]) {
      expect(
        validateServiceDelivery({
          agreements: [{ name: 'a', type: 'SLA', document: link }],
          continuity: { plan: link },
        }),
      ).toEqual([]);
    }
  });

  it.each<[string, unknown, string, string, ServiceDeliveryValidationOptions?]>(
    [
      // the block itself
      ['a list instead of a block', [], sd, 'must be an object (got a list)'],
      [
        'a string instead of a block',
        'tier-1',
        sd,
        "must be an object (got 'tier-1')",
      ],
      [
        'a misspelt section',
        { agreement: [] },
        `${sd}.agreement`,
        "unknown field 'agreement' (did you mean 'agreements'?)",
      ],
      [
        'an unknown section',
        { sla: {} },
        `${sd}.sla`,
        "unknown field 'sla'; the fields here are tier, redundancy",
      ],
      ['an empty key', null, sd, 'must be an object (got null)'],
      [
        'a placeholder that was not resolved',
        { $yaml: './service-delivery.yaml' },
        `${sd}.$yaml`,
        "unknown field '$yaml': a placeholder such as $yaml is resolved by the catalog",
      ],
      // tier
      [
        'a tier that is a number',
        { tier: 1 },
        `${sd}.tier`,
        'must be text (got 1)',
      ],
      [
        'a tier that config does not define',
        { tier: 'tier-9' },
        `${sd}.tier`,
        "'tier-9' is not a tier of this Backstage (serviceDelivery.tiers in app-config defines tier-1, tier-2, tier-3)",
        { tiers },
      ],
      [
        'a tier when config defines none',
        { tier: 'tier-1' },
        `${sd}.tier`,
        'app-config defines no serviceDelivery.tiers',
        { tiers: [] },
      ],
      // redundancy
      [
        'a redundancy group of one',
        { redundancy: [{ anyOf: ['resource:db'] }] },
        `${sd}.redundancy[0].anyOf`,
        'must list at least 2 entries',
      ],
      [
        'a redundancy group without anyOf',
        { redundancy: [{}] },
        `${sd}.redundancy[0].anyOf`,
        'is required',
      ],
      [
        'a redundancy entry that is not a reference',
        { redundancy: [{ anyOf: ['resource:db-eu', 'resource:db us'] }] },
        `${sd}.redundancy[0].anyOf[1]`,
        "must be an entity reference [kind:][namespace/]name, such as group:payments (got 'resource:db us')",
      ],
      [
        'a redundancy entry missing from dependsOn',
        {
          redundancy: [
            { anyOf: ['resource:payments-db-eu', 'resource:payments-db-asia'] },
          ],
        },
        `${sd}.redundancy[0].anyOf[1]`,
        "'resource:payments-db-asia' is not listed in spec.dependsOn",
        { dependsOn },
      ],
      // service hours
      [
        'a misspelt time zone',
        { serviceHours: { timezone: 'Europe/Londn' } },
        `${sd}.serviceHours.timezone`,
        "must be an IANA time zone such as Europe/London or UTC (got 'Europe/Londn')",
      ],
      [
        'a schedule other than 24x7',
        { serviceHours: { schedule: '24/7' } },
        `${sd}.serviceHours.schedule`,
        "must be one of 24x7 (got '24/7')",
      ],
      [
        'both a schedule and weekly windows',
        {
          serviceHours: {
            schedule: '24x7',
            weekly: [{ days: ['mon'], from: '08:00', to: '18:00' }],
          },
        },
        `${sd}.serviceHours.weekly`,
        'cannot be declared together with schedule',
      ],
      [
        'a day written in full',
        window({ days: ['monday'] }),
        `${sd}.serviceHours.weekly[0].days[0]`,
        "must be one of mon, tue, wed, thu, fri, sat, sun (got 'monday')",
      ],
      [
        'a time without its leading zero',
        window({ from: '8:00' }),
        `${sd}.serviceHours.weekly[0].from`,
        "must be a time of day written 'HH:MM'",
      ],
      [
        'a window that ends before it starts',
        window({ from: '18:00', to: '08:00' }),
        `${sd}.serviceHours.weekly[0].to`,
        'must be later than from (18:00)',
      ],
      [
        'a maintenance window ending at 25:00',
        maintenance({ to: '25:00' }),
        `${sd}.serviceHours.maintenance[0].to`,
        "(got '25:00')",
      ],
      [
        'a maintenance window listing a day twice',
        maintenance({ days: ['sun', 'sun'] }),
        `${sd}.serviceHours.maintenance[0].days`,
        "lists 'sun' more than once",
      ],
      [
        'a maintenance window without days',
        { serviceHours: { maintenance: [{ from: '02:00', to: '04:00' }] } },
        `${sd}.serviceHours.maintenance[0].days`,
        'is required',
      ],
      // agreements
      [
        'agreements as a single object',
        { agreements: { name: 'retail-sla', type: 'SLA' } },
        `${sd}.agreements`,
        'must be a list (got an object)',
      ],
      [
        'an agreement without a name',
        { agreements: [{ type: 'SLA' }] },
        `${sd}.agreements[0].name`,
        'is required',
      ],
      [
        'an agreement of an unknown type',
        agreement({ type: 'SLO' }),
        `${sd}.agreements[0].type`,
        "must be one of SLA, OLA, UC (got 'SLO')",
      ],
      [
        'an agreement period of monthly',
        agreement({ period: 'monthly' }),
        `${sd}.agreements[0].period`,
        "must be one of month, quarter, rolling-28d, rolling-30d (got 'monthly')",
      ],
      [
        'an agreement name with spaces',
        agreement({ name: 'Retail SLA' }),
        `${sd}.agreements[0].name`,
        "must be a name of letters, digits, '.', '_' and '-'",
      ],
      [
        'an effective date in month 13',
        agreement({ effective: '2026-13-01' }),
        `${sd}.agreements[0].effective`,
        "must be a date written YYYY-MM-DD, such as 2026-01-01 (got '2026-13-01')",
      ],
      [
        'an agreement that expires before it takes effect',
        agreement({ effective: '2026-01-01', expires: '2025-12-31' }),
        `${sd}.agreements[0].expires`,
        'must be after effective (2026-01-01)',
      ],
      [
        'an agreement that expires the day it takes effect',
        agreement({ effective: '2026-01-01', expires: '2026-01-01' }),
        `${sd}.agreements[0].expires`,
        'must be after effective',
      ],
      [
        'a document that is a relative path',
        agreement({ document: 'slas/retail.pdf' }),
        `${sd}.agreements[0].document`,
        'must be an absolute URL with the scheme http, https or mailto',
      ],
      [
        'a document that runs script',
        // eslint-disable-next-line no-script-url -- the link the validator refuses
        agreement({ document: 'javascript:alert(document.cookie)' }),
        `${sd}.agreements[0].document`,
        "must be an absolute URL with the scheme http, https or mailto, such as https://example.com/slas/retail.pdf (got 'javascript:alert(document.cookie)')",
      ],
      [
        'a document with a scheme in capitals that runs script',
        // eslint-disable-next-line no-script-url -- the link the validator refuses
        agreement({ document: 'JavaScript:alert(1)' }),
        `${sd}.agreements[0].document`,
        "must be an absolute URL with the scheme http, https or mailto, such as https://example.com/slas/retail.pdf (got 'JavaScript:alert(1)')",
      ],
      [
        'a document that is a data URL',
        agreement({ document: 'data:text/html,<script>alert(1)</script>' }),
        `${sd}.agreements[0].document`,
        "(got 'data:text/html,<script>alert(1)</script>')",
      ],
      [
        'a document on the server',
        agreement({ document: 'file:///etc/passwd' }),
        `${sd}.agreements[0].document`,
        'must be an absolute URL with the scheme http, https or mailto',
      ],
      [
        'a customer that is not an entity reference',
        agreement({ customer: 'Retail Banking' }),
        `${sd}.agreements[0].customer`,
        'must be an entity reference',
      ],
      [
        'two agreements of one name',
        {
          agreements: [
            { name: 'retail-sla', type: 'SLA' },
            { name: 'retail-sla', type: 'OLA' },
          ],
        },
        `${sd}.agreements[1].name`,
        `repeats the agreement name 'retail-sla' of ${sd}.agreements[0]`,
      ],
      [
        'service credits as a number',
        agreement({ serviceCredits: 5 }),
        `${sd}.agreements[0].serviceCredits`,
        'must be text (got 5)',
      ],
      // objectives
      [
        'a target of 0',
        objective({ target: 0 }),
        `${sd}.agreements[0].objectives[0].target`,
        'must be a percentage above 0 and at most 100 (got 0)',
      ],
      [
        'a target above 100',
        objective({ target: 100.5 }),
        `${sd}.agreements[0].objectives[0].target`,
        'must be a percentage above 0 and at most 100 (got 100.5)',
      ],
      [
        'a target written as text',
        objective({ target: '99.9%' }),
        `${sd}.agreements[0].objectives[0].target`,
        "must be a number (got '99.9%')",
      ],
      [
        'a target that is NaN',
        objective({ target: NaN }),
        `${sd}.agreements[0].objectives[0].target`,
        'must be a number (got NaN)',
      ],
      [
        'a misspelt target',
        {
          agreements: [
            {
              name: 'a',
              type: 'SLA',
              objectives: [{ name: 'x', kind: 'ratio', targt: 99 }],
            },
          ],
        },
        `${sd}.agreements[0].objectives[0].targt`,
        "unknown field 'targt' (did you mean 'target'?)",
      ],
      [
        'a misspelt objective kind',
        objective({ kind: 'latancy', threshold: '300ms' }),
        `${sd}.agreements[0].objectives[0].kind`,
        "must be one of availability, latency, ratio (got 'latancy')",
      ],
      [
        'a latency objective without a threshold',
        objective({ kind: 'latency' }),
        `${sd}.agreements[0].objectives[0].threshold`,
        'is required for a latency objective',
      ],
      [
        'a threshold on an availability objective',
        objective({ threshold: '300ms' }),
        `${sd}.agreements[0].objectives[0].threshold`,
        'applies only to latency objectives (this one is availability)',
      ],
      [
        'a threshold in words',
        objective({ kind: 'latency', threshold: '5 minutes' }),
        `${sd}.agreements[0].objectives[0].threshold`,
        "must be a duration such as 15m, 4h, 1d or PT15M (got '5 minutes')",
      ],
      [
        'a threshold of zero',
        objective({ kind: 'latency', threshold: '0ms' }),
        `${sd}.agreements[0].objectives[0].threshold`,
        'must be longer than 0',
      ],
      [
        'two objectives of one name',
        agreement({
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
            { name: 'availability', kind: 'ratio', target: 99 },
          ],
        }),
        `${sd}.agreements[0].objectives[1].name`,
        "repeats the objective name 'availability'",
      ],
      // support
      [
        'a support target without a priority',
        agreement({ support: [{ response: '15m' }] }),
        `${sd}.agreements[0].support[0].priority`,
        'is required',
      ],
      [
        'a response time in words',
        agreement({ support: [{ priority: 'P1', response: '15 min' }] }),
        `${sd}.agreements[0].support[0].response`,
        "must be a duration such as 15m, 4h, 1d or PT15M (got '15 min')",
      ],
      [
        'a negative resolution time',
        agreement({ support: [{ priority: 'P1', resolution: -60 }] }),
        `${sd}.agreements[0].support[0].resolution`,
        'must not be negative (got -60)',
      ],
      [
        'a resolution faster than the response',
        agreement({
          support: [{ priority: 'P1', response: '4h', resolution: '1h' }],
        }),
        `${sd}.agreements[0].support[0].resolution`,
        'must not be shorter than response (4h)',
      ],
      [
        'a priority listed twice',
        agreement({
          support: [
            { priority: 'P1', response: '15m' },
            { priority: 'P1', response: '1h' },
          ],
        }),
        `${sd}.agreements[0].support[1].priority`,
        "repeats the priority 'P1'",
      ],
      // cost
      [
        'a British cost centre',
        { cost: { costCentre: 'CC-4711' } },
        `${sd}.cost.costCentre`,
        "unknown field 'costCentre' (did you mean 'costCenter'?)",
      ],
      [
        'a currency in lower case',
        { cost: { currency: 'eur' } },
        `${sd}.cost.currency`,
        "must be a three-letter currency code such as EUR (got 'eur')",
      ],
      [
        'a budget both monthly and annual',
        { cost: { budget: { monthly: 1000, annual: 12000 } } },
        `${sd}.cost.budget`,
        'must declare either monthly or annual, not both',
      ],
      [
        'an empty budget',
        { cost: { budget: {} } },
        `${sd}.cost.budget`,
        'must declare either monthly or annual',
      ],
      [
        'a negative budget',
        { cost: { budget: { monthly: -1 } } },
        `${sd}.cost.budget.monthly`,
        'must not be negative (got -1)',
      ],
      [
        'a charging policy with a space',
        { cost: { chargingPolicy: 'cost recovery' } },
        `${sd}.cost.chargingPolicy`,
        "must be one of expense-center, cost-recovery, profit-center (got 'cost recovery')",
      ],
      [
        'shares that sum to 90',
        chargeback(60, 30),
        `${sd}.cost.chargeback`,
        'shares must sum to 100, but they sum to 90',
      ],
      [
        'shares that sum to 100.1',
        chargeback(33.4, 33.3, 33.4),
        `${sd}.cost.chargeback`,
        'they sum to 100.1',
      ],
      [
        'a share written as a percentage string',
        chargeback(60, '40%'),
        `${sd}.cost.chargeback[1].share`,
        "must be a number (got '40%')",
      ],
      [
        'a share of 0',
        chargeback(100, 0),
        `${sd}.cost.chargeback[1].share`,
        'must be a percentage above 0 and at most 100 (got 0)',
      ],
      [
        'a chargeback entry without a share',
        { cost: { chargeback: [{ consumer: 'group:a' }] } },
        `${sd}.cost.chargeback[0].share`,
        'is required',
      ],
      [
        'a consumer charged twice',
        {
          cost: {
            chargeback: [
              { consumer: 'group:a', share: 50 },
              { consumer: 'group:a', share: 50 },
            ],
          },
        },
        `${sd}.cost.chargeback[1].consumer`,
        "repeats the consumer 'group:a'",
      ],
      [
        'a unit counted by an undeclared objective',
        {
          ...objective({ name: 'availability' }),
          cost: { unit: { name: 'transaction', sli: 'requests' } },
        },
        `${sd}.cost.unit.sli`,
        "names no objective of this service's agreements (they declare availability)",
      ],
      [
        'a unit counted by an objective when there are no agreements',
        { cost: { unit: { name: 'transaction', sli: 'requests' } } },
        `${sd}.cost.unit.sli`,
        'this service declares no agreement objectives',
      ],
      [
        'a unit without a name',
        {
          ...objective({ name: 'success-rate' }),
          cost: { unit: { sli: 'success-rate' } },
        },
        `${sd}.cost.unit.name`,
        'is required',
      ],
      // capacity
      [
        'two resources of one name',
        {
          capacity: {
            resources: [
              { name: 'cpu', capacity: 8 },
              { name: 'cpu', capacity: 16 },
            ],
          },
        },
        `${sd}.capacity.resources[1].name`,
        "repeats the resource name 'cpu'",
      ],
      [
        'a warning level above the critical one',
        resource({ warning: 90, critical: 80 }),
        `${sd}.capacity.resources[0].critical`,
        'must be above warning (90)',
      ],
      [
        'a critical level above 100',
        resource({ critical: 120 }),
        `${sd}.capacity.resources[0].critical`,
        'must be a percentage above 0 and at most 100 (got 120)',
      ],
      [
        'a capacity of 0',
        resource({ capacity: 0 }),
        `${sd}.capacity.resources[0].capacity`,
        'must be greater than 0 (got 0)',
      ],
      [
        'a resource without a capacity',
        { capacity: { resources: [{ name: 'cpu' }] } },
        `${sd}.capacity.resources[0].capacity`,
        'is required',
      ],
      [
        'a capacity beyond what a number holds',
        resource({ capacity: Infinity }),
        `${sd}.capacity.resources[0].capacity`,
        'must be a number (got Infinity)',
      ],
      // continuity
      [
        'an RTO in words',
        { continuity: { rto: '1 hour' } },
        `${sd}.continuity.rto`,
        "must be a duration such as 15m, 4h, 1d or PT15M (got '1 hour')",
      ],
      [
        'a negative RPO',
        { continuity: { rpo: -5 } },
        `${sd}.continuity.rpo`,
        'must not be negative (got -5)',
      ],
      [
        'an RTO of true',
        { continuity: { rto: true } },
        `${sd}.continuity.rto`,
        'must be a duration such as 15m, 4h, 1d or PT15M (got true)',
      ],
      [
        'an RTO in upper case',
        { continuity: { RTO: '1h' } },
        `${sd}.continuity.RTO`,
        "unknown field 'RTO' (did you mean 'rto'?)",
      ],
      [
        'an unknown strategy',
        { continuity: { strategy: 'hot' } },
        `${sd}.continuity.strategy`,
        "must be one of hot-standby, warm-standby, cold-standby, backup-restore, manual-workaround, none (got 'hot')",
      ],
      [
        'a test interval of zero',
        { continuity: { testEvery: '0d' } },
        `${sd}.continuity.testEvery`,
        'must be longer than 0',
      ],
      [
        'a plan that is not a URL',
        { continuity: { plan: 'the wiki' } },
        `${sd}.continuity.plan`,
        "must be an absolute URL with the scheme http, https or mailto, such as https://example.com/slas/retail.pdf (got 'the wiki')",
      ],
      [
        'a plan that runs script',
        // eslint-disable-next-line no-script-url -- the link the validator refuses
        { continuity: { plan: 'javascript:void(0)' } },
        `${sd}.continuity.plan`,
        "must be an absolute URL with the scheme http, https or mailto, such as https://example.com/slas/retail.pdf (got 'javascript:void(0)')",
      ],
      [
        'a plan on a file share',
        { continuity: { plan: 'smb://fileserver/dr/payments.docx' } },
        `${sd}.continuity.plan`,
        "must be an absolute URL with the scheme http, https or mailto, such as https://example.com/slas/retail.pdf (got 'smb://fileserver/dr/payments.docx')",
      ],
      [
        'a site listed twice',
        { continuity: { sites: ['eu-west-1', 'eu-west-1'] } },
        `${sd}.continuity.sites`,
        "lists 'eu-west-1' more than once",
      ],
      [
        'a business impact without a cost per hour',
        { continuity: { businessImpact: { currency: 'EUR' } } },
        `${sd}.continuity.businessImpact.costPerHour`,
        'is required',
      ],
      [
        'a likelihood of very high',
        {
          continuity: {
            risks: [
              { threat: 'fire', likelihood: 'very high', impact: 'high' },
            ],
          },
        },
        `${sd}.continuity.risks[0].likelihood`,
        "must be one of low, medium, high (got 'very high')",
      ],
      [
        'a risk without an impact',
        { continuity: { risks: [{ threat: 'fire', likelihood: 'low' }] } },
        `${sd}.continuity.risks[0].impact`,
        'is required',
      ],
      [
        'an empty threat',
        {
          continuity: {
            risks: [{ threat: '', likelihood: 'low', impact: 'low' }],
          },
        },
        `${sd}.continuity.risks[0].threat`,
        'must not be empty',
      ],
    ],
  )('reports %s', (...row) => {
    // a rest parameter: jest would take a fifth named parameter for a done callback
    const [, value, path, message, options] = row;
    expect(validateServiceDelivery(value, options)).toEqual([
      { path, message: expect.stringContaining(message) },
    ]);
  });

  it('reports every mistake of a block at once', () => {
    const value = fullExample();
    value.tier = 'gold';
    value.agreements[0].type = 'SLO';
    value.agreements[0].objectives[1].target = 101;
    value.agreements[0].expires = '2025-06-30';
    value.cost.costCentre = value.cost.costCenter;
    delete value.cost.costCenter;
    value.cost.chargeback[1].share = 30;
    value.capacity.resources[1].warning = 95;
    value.continuity.rto = '1 hour';
    value.serviceHours.maintenance[0].days = ['sunday'];

    const problems = validateServiceDelivery(value, { tiers, dependsOn });
    expect(problems.map(problem => problem.path).sort()).toEqual(
      [
        `${sd}.tier`,
        `${sd}.agreements[0].type`,
        `${sd}.agreements[0].objectives[1].target`,
        `${sd}.agreements[0].expires`,
        `${sd}.cost.costCentre`,
        `${sd}.cost.chargeback`,
        `${sd}.capacity.resources[1].critical`,
        `${sd}.continuity.rto`,
        `${sd}.serviceHours.maintenance[0].days[0]`,
      ].sort(),
    );
  });

  it('does not repeat a mistake the schema already reported', () => {
    // an unparseable threshold is not also "required", a broken share is not also a wrong sum
    const value = {
      agreements: [
        {
          name: 'a',
          type: 'SLA',
          objectives: [
            { name: 'x', kind: 'latency', target: 99, threshold: 'fast' },
          ],
        },
      ],
      cost: {
        chargeback: [
          { consumer: 'group:a', share: 'half' },
          { consumer: 'group:b', share: 50 },
        ],
      },
    };
    expect(validateServiceDelivery(value).map(problem => problem.path)).toEqual(
      [
        `${sd}.agreements[0].objectives[0].threshold`,
        `${sd}.cost.chargeback[0].share`,
      ],
    );
  });

  it('skips the tier and redundancy checks without config and dependsOn', () => {
    expect(validateServiceDelivery({ ...fullExample(), tier: 'gold' })).toEqual(
      [],
    );
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    for (const value of [
      undefined,
      null,
      42,
      NaN,
      'text',
      [],
      { agreements: [null, 1, 'x', []] },
      { agreements: [cyclic] },
      { cost: { chargeback: [null, { share: 1e308 }] } },
      { capacity: { resources: 'cpu' } },
      { tier: '\u0000\ud800' },
    ]) {
      expect(() =>
        validateServiceDelivery(value, { tiers, dependsOn }),
      ).not.toThrow();
    }
  });
});

describe('isServiceDeliveryEntityKind', () => {
  it('accepts Component, System and Resource in any case, and nothing else', () => {
    expect(isServiceDeliveryEntityKind('Component')).toBe(true);
    expect(isServiceDeliveryEntityKind('system')).toBe(true);
    expect(isServiceDeliveryEntityKind('RESOURCE')).toBe(true);
    expect(isServiceDeliveryEntityKind('Group')).toBe(false);
    expect(isServiceDeliveryEntityKind('Domain')).toBe(false);
    expect(isServiceDeliveryEntityKind('')).toBe(false);
  });
});

describe('validateEntityServiceDelivery', () => {
  const entity = (kind: string, spec: Record<string, any>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'payments' },
    spec,
  });

  it('checks redundancy against the entity dependsOn', () => {
    expect(
      validateEntityServiceDelivery(
        entity('Component', { dependsOn, serviceDelivery: fullExample() }),
        { tiers },
      ),
    ).toEqual([]);
    expect(
      validateEntityServiceDelivery(
        entity('Component', {
          dependsOn: ['Resource:Payments-DB-EU'],
          serviceDelivery: fullExample(),
        }),
      ),
    ).toEqual([
      {
        path: `${sd}.redundancy[0].anyOf[1]`,
        message: expect.stringContaining(
          "'resource:payments-db-us' is not listed in spec.dependsOn",
        ),
      },
    ]);
  });

  it('reads dependsOn in the entity namespace', () => {
    const value = entity('System', {
      dependsOn: ['resource:payments-db-eu', 'resource:payments-db-us'],
      serviceDelivery: {
        redundancy: [
          {
            anyOf: [
              'resource:banking/payments-db-eu',
              'resource:payments-db-us',
            ],
          },
        ],
      },
    });
    value.metadata.namespace = 'banking';
    expect(validateEntityServiceDelivery(value)).toEqual([]);
  });

  it('treats a missing dependsOn as empty', () => {
    expect(
      validateEntityServiceDelivery(
        entity('Resource', {
          serviceDelivery: {
            redundancy: [{ anyOf: ['resource:a', 'resource:b'] }],
          },
        }),
      ).map(problem => problem.path),
    ).toEqual([`${sd}.redundancy[0].anyOf[0]`, `${sd}.redundancy[0].anyOf[1]`]);
  });

  it('has nothing to say about an entity without the block', () => {
    expect(validateEntityServiceDelivery(entity('Component', {}))).toEqual([]);
    expect(
      validateEntityServiceDelivery(entity('Group', { type: 'team' })),
    ).toEqual([]);
  });

  it('reports the block on a kind that does not read it', () => {
    expect(
      validateEntityServiceDelivery(entity('Group', { serviceDelivery: {} })),
    ).toEqual([
      {
        path: sd,
        message:
          'is only read on Component, System, Resource entities, not on a Group',
      },
    ]);
  });

  it('passes the config tiers on', () => {
    expect(
      validateEntityServiceDelivery(
        entity('component', { serviceDelivery: { tier: 'gold' } }),
        {
          tiers,
        },
      ),
    ).toEqual([
      { path: `${sd}.tier`, message: expect.stringContaining("'gold'") },
    ]);
  });
});
