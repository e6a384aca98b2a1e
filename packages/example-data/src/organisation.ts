import { Random } from './random';
import { EntityLike } from './types';

export interface GenerateOrganisationOptions {
  /** how many service components (Component entities of type service/website) to create */
  services: number;
  /** default 1 */
  seed?: number;
  /** share of services without any spec.serviceDelivery (default 0.08) */
  withoutMetadata?: number;
}

const API_VERSION = 'backstage.io/v1alpha1';

const BUSINESS_UNITS = [
  'retail',
  'corporate',
  'wealth',
  'insurance',
  'markets',
  'operations',
];
const SUPPLIERS = ['cloud', 'network', 'saas'];
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Singapore',
];
const SITES = [
  ['eu-west-1', 'eu-central-1'],
  ['us-east-1', 'us-west-2'],
  ['ap-southeast-1', 'ap-northeast-1'],
];

const TIER_TARGETS: Record<
  string,
  { availability: number; rto: string; rpo: string }
> = {
  'tier-1': { availability: 99.95, rto: '1h', rpo: '15m' },
  'tier-2': { availability: 99.9, rto: '4h', rpo: '1h' },
  'tier-3': { availability: 99.5, rto: '1d', rpo: '1d' },
};

const SUPPORT: Record<
  string,
  { priority: string; response: string; resolution: string }[]
> = {
  'tier-1': [
    { priority: 'P1', response: '15m', resolution: '4h' },
    { priority: 'P2', response: '1h', resolution: '1d' },
    { priority: 'P3', response: '4h', resolution: '3d' },
  ],
  'tier-2': [
    { priority: 'P1', response: '30m', resolution: '8h' },
    { priority: 'P2', response: '2h', resolution: '2d' },
    { priority: 'P3', response: '1d', resolution: '1w' },
  ],
  'tier-3': [
    { priority: 'P2', response: '4h', resolution: '3d' },
    { priority: 'P3', response: '1d', resolution: '2w' },
  ],
};

const STRATEGIES: Record<string, Record<string, number>> = {
  'tier-1': { 'hot-standby': 70, 'warm-standby': 30 },
  'tier-2': { 'warm-standby': 50, 'cold-standby': 25, 'backup-restore': 25 },
  'tier-3': { 'backup-restore': 60, 'manual-workaround': 25, none: 15 },
};

const TEST_EVERY: Record<string, string> = {
  'tier-1': '6mo',
  'tier-2': '1y',
  'tier-3': '2y',
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Shares of 100 over `count` consumers (whole numbers, summing to exactly 100). */
function shares(rng: Random, count: number): number[] {
  if (count <= 1) {
    return [100];
  }
  const weights = Array.from({ length: count }, () => rng.between(1, 4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const result = weights.map(w => Math.max(1, Math.floor((w / sum) * 100)));
  result[0] += 100 - result.reduce((a, b) => a + b, 0);
  return result;
}

function group(
  name: string,
  type: string,
  parent?: string,
  children: string[] = [],
): EntityLike {
  return {
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: { name },
    spec: { type, ...(parent ? { parent } : {}), children },
  };
}

/**
 * A synthetic organisation for benchmarks: `services` service components with varied, valid
 * `spec.serviceDelivery`, owned by teams, grouped in systems and domains, depending on each other
 * (a layered graph several levels deep) and on shared platform resources. The result also holds
 * the groups, domains, systems and resources, so it has more entities than `services`.
 * Deterministic for a given `services` and `seed`.
 */
export function generateOrganisation(
  options: GenerateOrganisationOptions,
): EntityLike[] {
  const count = Math.max(0, Math.floor(options.services));
  const seed = options.seed ?? 1;
  const withoutMetadata = options.withoutMetadata ?? 0.08;
  const width = Math.max(4, String(count).length);
  const entities: EntityLike[] = [];

  // groups
  const departments = Math.max(1, Math.ceil(count / 1000));
  const teams = Math.max(2, Math.ceil(count / 20));
  const deptName = (d: number) => `dept-${pad(d + 1, 2)}`;
  const teamName = (t: number) => `team-${pad(t + 1, width)}`;
  const businessUnits = BUSINESS_UNITS.map(u => `bu-${u}`);
  const suppliers = SUPPLIERS.map(s => `supplier-${s}`);
  entities.push(
    group('synthetic-org', 'organization', undefined, [
      ...Array.from({ length: departments }, (_, d) => deptName(d)),
      ...businessUnits,
    ]),
  );
  for (let d = 0; d < departments; d++) {
    const children: string[] = [];
    for (let t = d; t < teams; t += departments) {
      children.push(teamName(t));
    }
    entities.push(group(deptName(d), 'department', 'synthetic-org', children));
  }
  for (let t = 0; t < teams; t++) {
    entities.push(group(teamName(t), 'team', deptName(t % departments)));
  }
  for (const unit of businessUnits) {
    entities.push(group(unit, 'business-unit', 'synthetic-org'));
  }
  entities.push(group('suppliers', 'external', undefined, suppliers));
  for (const supplier of suppliers) {
    entities.push(group(supplier, 'supplier', 'suppliers'));
  }

  // domains and systems
  const domains = Math.max(2, Math.ceil(count / 1500));
  const systems = Math.max(1, Math.ceil(count / 10));
  const domainName = (d: number) => `domain-${pad(d + 1, 2)}`;
  const systemName = (s: number) => `system-${pad(s + 1, width)}`;
  const systemOwner = (s: number) =>
    teamName(Math.floor((s * teams) / systems) % teams);
  for (let d = 0; d < domains; d++) {
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Domain',
      metadata: { name: domainName(d) },
      spec: { owner: `group:${teamName(d % teams)}` },
    });
  }
  for (let s = 0; s < systems; s++) {
    entities.push({
      apiVersion: API_VERSION,
      kind: 'System',
      metadata: { name: systemName(s) },
      spec: {
        owner: `group:${systemOwner(s)}`,
        domain: domainName(s % domains),
      },
    });
  }

  // shared platform resources, owned by the first team
  const platformTeam = teamName(0);
  const clusters = Math.max(1, Math.ceil(count / 1000));
  const buses = Math.max(1, Math.ceil(count / 2500));
  const clusterName = (c: number) => `cluster-${pad(c + 1, 2)}`;
  const busName = (b: number) => `bus-${pad(b + 1, 2)}`;
  const platformResource = (
    name: string,
    type: string,
    index: number,
  ): EntityLike => {
    const rng = new Random(seed, `org|resource|${name}`);
    return {
      apiVersion: API_VERSION,
      kind: 'Resource',
      metadata: { name },
      spec: {
        type,
        owner: `group:${platformTeam}`,
        system: systemName(0),
        serviceDelivery: {
          tier: 'tier-1',
          serviceHours: {
            timezone: 'Europe/London',
            schedule: '24x7',
            maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
          },
          agreements: [
            {
              name: `${type}-ola`,
              type: 'OLA',
              customer: 'group:synthetic-org',
              period: 'rolling-30d',
              effective: '2026-01-01',
              objectives: [
                { name: 'availability', kind: 'availability', target: 99.99 },
                { name: 'request-success', kind: 'ratio', target: 99.95 },
              ],
              support: SUPPORT['tier-1'],
            },
            {
              name: 'supplier-uc',
              type: 'UC',
              customer: `group:${platformTeam}`,
              provider: `group:${suppliers[0]}`,
              period: 'month',
              effective: '2025-07-01',
              expires: '2027-06-30',
              objectives: [
                {
                  name: 'supplier-availability',
                  kind: 'availability',
                  target: 99.99,
                },
              ],
            },
          ],
          cost: {
            costCenter: `CC-${pad(9000 + index, 4)}`,
            currency: 'EUR',
            budget: { monthly: Math.round(rng.between(40, 120)) * 1000 },
            chargingPolicy: 'cost-recovery',
            chargeback: shares(rng, 3).map((share, i) => ({
              consumer: `group:${
                businessUnits[(index + i) % businessUnits.length]
              }`,
              share,
            })),
          },
          capacity: {
            resources: [
              {
                name: 'cpu',
                unit: 'cores',
                capacity: 1024,
                warning: 70,
                critical: 85,
              },
              {
                name: 'storage',
                unit: 'GiB',
                capacity: 65536,
                warning: 75,
                critical: 90,
              },
            ],
          },
          continuity: {
            rto: '1h',
            rpo: '15m',
            strategy: 'hot-standby',
            testEvery: '6mo',
            sites: SITES[index % SITES.length],
          },
        },
      },
    };
  };
  for (let c = 0; c < clusters; c++) {
    entities.push(platformResource(clusterName(c), 'kubernetes-cluster', c));
  }
  for (let b = 0; b < buses; b++) {
    entities.push(platformResource(busName(b), 'message-bus', clusters + b));
  }

  // one database per system (a redundant pair for a third of them)
  const systemDatabases: string[][] = [];
  for (let s = 0; s < systems; s++) {
    const rng = new Random(seed, `org|db|${s}`);
    const names = rng.chance(0.33)
      ? [`db-${pad(s + 1, width)}-a`, `db-${pad(s + 1, width)}-b`]
      : [`db-${pad(s + 1, width)}`];
    systemDatabases.push(names);
    names.forEach((name, i) => {
      entities.push({
        apiVersion: API_VERSION,
        kind: 'Resource',
        metadata: { name },
        spec: {
          type: 'database',
          owner: `group:${systemOwner(s)}`,
          system: systemName(s),
          serviceDelivery: {
            tier: rng.chance(0.3) ? 'tier-1' : 'tier-2',
            capacity: {
              resources: [
                {
                  name: 'storage',
                  unit: 'GiB',
                  capacity: rng.pick([256, 512, 1024, 2048]),
                  warning: 75,
                  critical: 90,
                },
              ],
            },
            continuity: {
              rto: '1h',
              rpo: '15m',
              strategy:
                names.length > 1
                  ? 'hot-standby'
                  : rng.pick(['warm-standby', 'backup-restore']),
              sites: [SITES[s % SITES.length][i % 2]],
            },
          },
        },
      });
    });
  }

  // the services
  const serviceName = (i: number) => `svc-${pad(i + 1, width)}`;
  const perSystem = count / systems;
  for (let i = 0; i < count; i++) {
    const rng = new Random(seed, `org|service|${i}`);
    const system = Math.min(systems - 1, Math.floor(i / perSystem));
    const owner = systemOwner(system);
    const databases = systemDatabases[system];
    const dependsOn = new Set<string>([
      `resource:${clusterName(i % clusters)}`,
    ]);
    if (rng.chance(0.5)) {
      databases.forEach(db => dependsOn.add(`resource:${db}`));
    }
    if (rng.chance(0.2)) {
      dependsOn.add(`resource:${busName(i % buses)}`);
    }
    // earlier services form the lower layers: chains several levels deep, no cycles
    const upstream =
      i === 0 ? 0 : rng.weighted({ '0': 25, '1': 40, '2': 25, '3': 10 });
    for (let k = 0; k < Number(upstream); k++) {
      const j = i - 1 - Math.floor(rng.float() * Math.min(i, 60));
      if (j >= 0) {
        dependsOn.add(`component:${serviceName(j)}`);
      }
    }
    const spec: Record<string, any> = {
      type: rng.chance(0.2) ? 'website' : 'service',
      lifecycle: rng.chance(0.9) ? 'production' : 'experimental',
      owner: `group:${owner}`,
      system: systemName(system),
      dependsOn: [...dependsOn],
    };
    if (!rng.chance(withoutMetadata)) {
      spec.serviceDelivery = serviceDelivery(
        rng,
        i,
        owner,
        teams,
        teamName,
        businessUnits,
        suppliers,
        databases,
        dependsOn,
      );
    }
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: { name: serviceName(i), title: `Service ${i + 1}` },
      spec,
    });
  }
  return entities;
}

function serviceDelivery(
  rng: Random,
  index: number,
  owner: string,
  teams: number,
  teamName: (t: number) => string,
  businessUnits: string[],
  suppliers: string[],
  databases: string[],
  dependsOn: Set<string>,
): Record<string, any> {
  const tier = rng.weighted({ 'tier-1': 15, 'tier-2': 45, 'tier-3': 40 });
  const policy = TIER_TARGETS[tier];
  const timezone = rng.pick(ZONES);
  const sd: Record<string, any> = { tier };
  if (
    databases.length > 1 &&
    databases.every(db => dependsOn.has(`resource:${db}`))
  ) {
    sd.redundancy = [{ anyOf: databases.map(db => `resource:${db}`) }];
  }
  sd.serviceHours = rng.chance(0.85)
    ? { timezone, schedule: '24x7' }
    : {
        timezone,
        weekly: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '08:00',
            to: '18:00',
          },
        ],
      };
  if (rng.chance(0.4)) {
    sd.serviceHours.maintenance = [
      {
        days: [rng.pick(['sat', 'sun'])],
        from: '02:00',
        to: rng.pick(['03:00', '04:00']),
      },
    ];
  }

  const agreements: Record<string, any>[] = [];
  const agreementCount = rng.weighted({ '0': 10, '1': 65, '2': 25 });
  for (let a = 0; a < Number(agreementCount); a++) {
    const sla = a === 0 ? rng.chance(0.6) : false;
    const customer = sla
      ? `group:${rng.pick(businessUnits)}`
      : `group:${teamName((index + 1 + rng.int(0, teams)) % teams)}`;
    const objectives: Record<string, any>[] = [
      {
        name: 'availability',
        kind: 'availability',
        target: policy.availability,
      },
      {
        name: 'success-rate',
        kind: 'ratio',
        target: rng.pick([99.0, 99.5, 99.9]),
      },
    ];
    if (rng.chance(0.4)) {
      objectives.push({
        name: 'latency',
        kind: 'latency',
        threshold: `${rng.pick([100, 250, 500, 1000])}ms`,
        target: rng.pick([95.0, 99.0]),
      });
    }
    agreements.push({
      name: `${sla ? 'sla' : 'ola'}-${a + 1}`,
      type: sla ? 'SLA' : 'OLA',
      customer,
      period: rng.weighted({
        month: 80,
        quarter: 6,
        'rolling-28d': 7,
        'rolling-30d': 7,
      }),
      effective: '2026-01-01',
      ...(rng.chance(0.7) ? { expires: '2027-01-01' } : {}),
      objectives,
      support: SUPPORT[tier],
    });
  }
  if (rng.chance(0.05)) {
    agreements.push({
      name: 'supplier-uc',
      type: 'UC',
      customer: `group:${owner}`,
      provider: `group:${rng.pick(suppliers)}`,
      period: 'month',
      effective: '2025-01-01',
      objectives: [
        { name: 'supplier-availability', kind: 'availability', target: 99.9 },
      ],
    });
  }
  if (agreements.length) {
    sd.agreements = agreements;
  }

  if (rng.chance(0.85)) {
    const consumers = rng.int(1, 3);
    const split = shares(rng, consumers);
    const budget =
      Math.round(rng.between(2, tier === 'tier-1' ? 60 : 25)) * 1000;
    sd.cost = {
      costCenter: `CC-${pad(1000 + (index % 8000), 4)}`,
      currency: 'EUR',
      budget: rng.chance(0.7) ? { monthly: budget } : { annual: budget * 12 },
      chargingPolicy: rng.weighted({
        'cost-recovery': 60,
        'expense-center': 30,
        'profit-center': 10,
      }),
      chargeback: split.map((share, k) => ({
        consumer: `group:${businessUnits[(index + k) % businessUnits.length]}`,
        share,
      })),
      ...(agreements.some(a => a.type !== 'UC') && rng.chance(0.3)
        ? { unit: { name: 'request', sli: 'success-rate' } }
        : {}),
    };
  }

  if (rng.chance(0.7)) {
    sd.capacity = {
      resources: [
        {
          name: 'cpu',
          unit: 'cores',
          capacity: rng.pick([4, 8, 16, 32, 64]),
          warning: 70,
          critical: 85,
        },
        {
          name: 'memory',
          unit: 'GiB',
          capacity: rng.pick([8, 16, 32, 64, 128]),
          warning: 75,
          critical: 90,
        },
      ],
    };
  }

  if (rng.chance(0.8)) {
    const strategy = rng.weighted(STRATEGIES[tier]);
    sd.continuity = {
      rto: policy.rto,
      rpo: policy.rpo,
      strategy,
      ...(rng.chance(0.5)
        ? {
            testEvery: TEST_EVERY[tier],
          }
        : {}),
      sites: SITES[index % SITES.length],
      ...(rng.chance(0.5)
        ? {
            businessImpact: {
              costPerHour:
                Math.round(rng.between(1, tier === 'tier-1' ? 200 : 20)) * 1000,
              currency: 'EUR',
            },
          }
        : {}),
      ...(rng.chance(0.4)
        ? {
            risks: [
              {
                threat: rng.pick([
                  'regional-outage',
                  'faulty-deployment',
                  'data-corruption',
                ]),
                likelihood: rng.pick(['low', 'medium', 'high']),
                impact: rng.pick(['low', 'medium', 'high']),
                mitigation: 'Runbook reviewed yearly.',
              },
            ],
          }
        : {}),
    };
  }
  return sd;
}
