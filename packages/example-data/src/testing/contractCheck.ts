/**
 * A strict, test-only reading of DESIGN §2 used to keep the examples and the synthetic
 * organisation honest: unknown fields, wrong enums, unreadable durations or dates, shares that do
 * not sum to 100 — every problem with its path. (The product's validator is in
 * service-delivery-common; this is deliberately independent of it.)
 */

const SHORT_DURATION = /^\d+(\.\d+)?(m|h|d|w|mo|y)$/;
const ISO_DURATION =
  /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const THRESHOLD = /^\d+(\.\d+)?(ms|s|m)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const REF =
  /^([a-z][a-z0-9-]*:)?([a-z0-9][a-z0-9-]*\/)?[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface ContractProblem {
  path: string;
  message: string;
}

export function isDuration(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    (SHORT_DURATION.test(value) || ISO_DURATION.test(value))
  );
}

function isObject(value: unknown): value is Record<string, any> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function checkServiceDelivery(
  sd: unknown,
  tiers: string[] = ['tier-1', 'tier-2', 'tier-3'],
  dependsOn: string[] = [],
): ContractProblem[] {
  const problems: ContractProblem[] = [];
  const report = (path: string, message: string) =>
    problems.push({ path, message });
  const keys = (
    obj: Record<string, any>,
    path: string,
    allowed: string[],
    required: string[] = [],
  ) => {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        report(`${path}.${key}`, 'unknown field');
      }
    }
    for (const key of required) {
      if (obj[key] === undefined) {
        report(`${path}.${key}`, 'required');
      }
    }
  };
  const enumOf = (value: unknown, path: string, values: string[]) => {
    if (!values.includes(value as string)) {
      report(
        path,
        `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`,
      );
    }
  };
  const duration = (value: unknown, path: string) => {
    if (value !== undefined && !isDuration(value)) {
      report(path, `not a duration: ${JSON.stringify(value)}`);
    }
  };
  const percent = (value: unknown, path: string) => {
    if (typeof value !== 'number' || !(value > 0 && value <= 100)) {
      report(
        path,
        `must be a number in (0, 100] (got ${JSON.stringify(value)})`,
      );
    }
  };
  const ref = (value: unknown, path: string) => {
    if (typeof value !== 'string' || !REF.test(value)) {
      report(path, `not an entity reference: ${JSON.stringify(value)}`);
    }
  };
  const windows = (value: unknown, path: string) => {
    if (!Array.isArray(value)) {
      report(path, 'must be a list');
      return;
    }
    value.forEach((w, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(w)) {
        report(p, 'must be an object');
        return;
      }
      keys(w, p, ['days', 'from', 'to'], ['days', 'from', 'to']);
      if (
        !Array.isArray(w.days) ||
        !w.days.length ||
        w.days.some((d: unknown) => !DAYS.includes(d as string))
      ) {
        report(`${p}.days`, 'must list days mon..sun');
      }
      if (!TIME.test(String(w.from))) report(`${p}.from`, 'must be HH:MM');
      if (!TIME.test(String(w.to))) report(`${p}.to`, 'must be HH:MM');
      if (String(w.from) >= String(w.to)) report(p, 'from must be before to');
    });
  };

  // error-budget policy: ordered steps, each one condition and one action
  const policy = (value: unknown, path: string) => {
    if (!Array.isArray(value)) {
      report(path, 'must be a list');
      return;
    }
    value.forEach((step, i) => {
      const p = `${path}[${i}]`;
      if (!isObject(step)) {
        report(p, 'must be an object');
        return;
      }
      keys(step, p, ['when', 'action', 'appliesTo'], ['when', 'action']);
      enumOf(step.action, `${p}.action`, [
        'freeze-features',
        'freeze-all',
        'review',
        'notify',
      ]);
      const when = step.when;
      if (!isObject(when) || Object.keys(when).length !== 1) {
        report(`${p}.when`, 'must hold exactly one condition');
      } else if (when.budgetRemainingBelow !== undefined) {
        percent(when.budgetRemainingBelow, `${p}.when.budgetRemainingBelow`);
      } else if (when.burnRateAlert !== undefined) {
        enumOf(when.burnRateAlert, `${p}.when.burnRateAlert`, [
          'page',
          'ticket',
        ]);
      } else if (when.status !== undefined) {
        enumOf(when.status, `${p}.when.status`, ['breached']);
      } else {
        keys(when, `${p}.when`, []);
      }
      if (
        step.appliesTo !== undefined &&
        !(
          Array.isArray(step.appliesTo) &&
          step.appliesTo.every((k: unknown) => k === 'feature' || k === 'fix')
        )
      ) {
        report(`${p}.appliesTo`, 'must list feature and/or fix');
      }
    });
  };

  if (!isObject(sd)) {
    report('serviceDelivery', 'must be an object');
    return problems;
  }
  keys(sd, 'serviceDelivery', [
    'tier',
    'redundancy',
    'serviceHours',
    'agreements',
    'cost',
    'capacity',
    'continuity',
  ]);
  if (sd.tier !== undefined) enumOf(sd.tier, 'serviceDelivery.tier', tiers);

  (sd.redundancy ?? []).forEach((group: any, i: number) => {
    const p = `serviceDelivery.redundancy[${i}]`;
    if (!isObject(group)) return report(p, 'must be an object');
    keys(group, p, ['anyOf'], ['anyOf']);
    if (!Array.isArray(group.anyOf) || group.anyOf.length < 2)
      report(`${p}.anyOf`, 'needs two or more');
    for (const member of group.anyOf ?? []) {
      ref(member, `${p}.anyOf`);
      if (dependsOn.length && !dependsOn.includes(member)) {
        report(`${p}.anyOf`, `${member} is not in spec.dependsOn`);
      }
    }
    return undefined;
  });

  if (sd.serviceHours !== undefined) {
    const h = sd.serviceHours;
    const p = 'serviceDelivery.serviceHours';
    if (!isObject(h)) {
      report(p, 'must be an object');
    } else {
      keys(h, p, ['timezone', 'schedule', 'weekly', 'maintenance']);
      if (h.timezone !== undefined && typeof h.timezone !== 'string')
        report(`${p}.timezone`, 'must be a string');
      if (h.schedule !== undefined)
        enumOf(h.schedule, `${p}.schedule`, ['24x7']);
      if (h.schedule !== undefined && h.weekly !== undefined)
        report(p, 'schedule and weekly both given');
      if (h.weekly !== undefined) windows(h.weekly, `${p}.weekly`);
      if (h.maintenance !== undefined)
        windows(h.maintenance, `${p}.maintenance`);
    }
  }

  const objectiveKinds = new Map<string, string>();
  (sd.agreements ?? []).forEach((a: any, i: number) => {
    const p = `serviceDelivery.agreements[${i}]`;
    if (!isObject(a)) return report(p, 'must be an object');
    keys(
      a,
      p,
      [
        'name',
        'type',
        'customer',
        'provider',
        'period',
        'effective',
        'expires',
        'document',
        'objectives',
        'support',
        'serviceCredits',
        'errorBudgetPolicy',
      ],
      ['name', 'type'],
    );
    if (a.errorBudgetPolicy !== undefined)
      policy(a.errorBudgetPolicy, `${p}.errorBudgetPolicy`);
    enumOf(a.type, `${p}.type`, ['SLA', 'OLA', 'UC']);
    if (a.customer !== undefined) ref(a.customer, `${p}.customer`);
    if (a.provider !== undefined) ref(a.provider, `${p}.provider`);
    if (a.period !== undefined)
      enumOf(a.period, `${p}.period`, [
        'month',
        'quarter',
        'rolling-28d',
        'rolling-30d',
      ]);
    for (const field of ['effective', 'expires']) {
      if (
        a[field] !== undefined &&
        !(typeof a[field] === 'string' && DATE.test(a[field]))
      ) {
        report(`${p}.${field}`, 'must be a date YYYY-MM-DD');
      }
    }
    if (a.effective && a.expires && a.expires <= a.effective)
      report(`${p}.expires`, 'before effective');
    if (a.document !== undefined && !/^https?:\/\//.test(a.document))
      report(`${p}.document`, 'must be a URL');
    if (
      a.serviceCredits !== undefined &&
      typeof a.serviceCredits !== 'string'
    ) {
      report(`${p}.serviceCredits`, 'must be text');
    }
    (a.objectives ?? []).forEach((o: any, j: number) => {
      const q = `${p}.objectives[${j}]`;
      if (!isObject(o)) return report(q, 'must be an object');
      keys(
        o,
        q,
        ['name', 'kind', 'target', 'threshold', 'errorBudgetPolicy'],
        ['name', 'kind', 'target'],
      );
      if (o.errorBudgetPolicy !== undefined)
        policy(o.errorBudgetPolicy, `${q}.errorBudgetPolicy`);
      enumOf(o.kind, `${q}.kind`, ['availability', 'latency', 'ratio']);
      percent(o.target, `${q}.target`);
      if (o.kind === 'latency' && !THRESHOLD.test(String(o.threshold)))
        report(`${q}.threshold`, 'latency needs a threshold such as 300ms');
      if (o.kind !== 'latency' && o.threshold !== undefined)
        report(`${q}.threshold`, 'only for latency');
      objectiveKinds.set(o.name, o.kind);
      return undefined;
    });
    (a.support ?? []).forEach((s: any, j: number) => {
      const q = `${p}.support[${j}]`;
      if (!isObject(s)) return report(q, 'must be an object');
      keys(s, q, ['priority', 'response', 'resolution'], ['priority']);
      enumOf(s.priority, `${q}.priority`, ['P1', 'P2', 'P3', 'P4']);
      duration(s.response, `${q}.response`);
      duration(s.resolution, `${q}.resolution`);
      return undefined;
    });
    return undefined;
  });

  if (sd.cost !== undefined) {
    const c = sd.cost;
    const p = 'serviceDelivery.cost';
    if (!isObject(c)) {
      report(p, 'must be an object');
    } else {
      keys(c, p, [
        'costCenter',
        'currency',
        'budget',
        'chargingPolicy',
        'chargeback',
        'unit',
      ]);
      if (c.currency !== undefined && !/^[A-Z]{3}$/.test(c.currency))
        report(`${p}.currency`, 'ISO 4217 code');
      if (c.budget !== undefined) {
        keys(c.budget, `${p}.budget`, ['monthly', 'annual']);
        for (const [k, v] of Object.entries(c.budget)) {
          if (typeof v !== 'number' || v <= 0)
            report(`${p}.budget.${k}`, 'must be a positive number');
        }
      }
      if (c.chargingPolicy !== undefined) {
        enumOf(c.chargingPolicy, `${p}.chargingPolicy`, [
          'expense-center',
          'cost-recovery',
          'profit-center',
        ]);
      }
      if (c.chargeback !== undefined) {
        let sum = 0;
        c.chargeback.forEach((s: any, j: number) => {
          keys(
            s,
            `${p}.chargeback[${j}]`,
            ['consumer', 'share'],
            ['consumer', 'share'],
          );
          ref(s.consumer, `${p}.chargeback[${j}].consumer`);
          sum += Number(s.share);
        });
        if (Math.abs(sum - 100) > 1e-9)
          report(`${p}.chargeback`, `shares sum to ${sum}, not 100`);
      }
      if (c.unit !== undefined) {
        keys(c.unit, `${p}.unit`, ['name', 'sli'], ['name']);
        if (
          c.unit.sli !== undefined &&
          !['ratio', 'latency'].includes(objectiveKinds.get(c.unit.sli) ?? '')
        ) {
          report(
            `${p}.unit.sli`,
            `no ratio or latency objective named ${c.unit.sli}`,
          );
        }
      }
    }
  }

  if (sd.capacity !== undefined) {
    const p = 'serviceDelivery.capacity';
    keys(sd.capacity, p, ['resources']);
    (sd.capacity.resources ?? []).forEach((r: any, j: number) => {
      const q = `${p}.resources[${j}]`;
      keys(
        r,
        q,
        ['name', 'unit', 'capacity', 'warning', 'critical'],
        ['name', 'capacity'],
      );
      if (typeof r.capacity !== 'number' || r.capacity <= 0)
        report(`${q}.capacity`, 'must be positive');
      if (r.warning !== undefined) percent(r.warning, `${q}.warning`);
      if (r.critical !== undefined) percent(r.critical, `${q}.critical`);
      if (
        r.warning !== undefined &&
        r.critical !== undefined &&
        r.warning >= r.critical
      ) {
        report(q, 'warning must be below critical');
      }
    });
  }

  if (sd.continuity !== undefined) {
    const c = sd.continuity;
    const p = 'serviceDelivery.continuity';
    keys(c, p, [
      'rto',
      'rpo',
      'strategy',
      'plan',
      'testEvery',
      'sites',
      'businessImpact',
      'risks',
    ]);
    duration(c.rto, `${p}.rto`);
    duration(c.rpo, `${p}.rpo`);
    duration(c.testEvery, `${p}.testEvery`);
    if (c.strategy !== undefined) {
      enumOf(c.strategy, `${p}.strategy`, [
        'hot-standby',
        'warm-standby',
        'cold-standby',
        'backup-restore',
        'manual-workaround',
        'none',
      ]);
    }
    if (c.plan !== undefined && !/^https?:\/\//.test(c.plan))
      report(`${p}.plan`, 'must be a URL');
    if (
      c.sites !== undefined &&
      (!Array.isArray(c.sites) ||
        c.sites.some((s: unknown) => typeof s !== 'string'))
    ) {
      report(`${p}.sites`, 'must be a list of names');
    }
    if (c.businessImpact !== undefined) {
      keys(c.businessImpact, `${p}.businessImpact`, [
        'costPerHour',
        'currency',
        'notes',
      ]);
      if (typeof c.businessImpact.costPerHour !== 'number')
        report(`${p}.businessImpact.costPerHour`, 'must be a number');
    }
    (c.risks ?? []).forEach((r: any, j: number) => {
      const q = `${p}.risks[${j}]`;
      keys(r, q, ['threat', 'likelihood', 'impact', 'mitigation'], ['threat']);
      enumOf(r.likelihood, `${q}.likelihood`, ['low', 'medium', 'high']);
      enumOf(r.impact, `${q}.impact`, ['low', 'medium', 'high']);
    });
  }
  return problems;
}
