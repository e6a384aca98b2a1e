import { fromCents, splitCents, toCents } from './cost';

/**
 * One service's spend of a month, for cost-attribution coverage.
 *
 * @public
 */
export type CoverageSpend = {
  entityRef: string;
  currency: string;
  amount: number;
};

/**
 * How much of a month's spend in one currency is attributed: `allocated` stays with the service it
 * was recorded for, `shared` is recorded for a platform other services depend on (its fully loaded
 * cost divides it among them), `unattributed` names no entity the catalog knows. `shares` are
 * percentages of `total` (0–100, summing to exactly 100), null when the total is not positive.
 *
 * @public
 */
export type CostCoverage = {
  currency: string;
  allocated: number;
  shared: number;
  unattributed: number;
  total: number;
  shares: { allocated: number; shared: number; unattributed: number } | null;
  /** how many services' spend each part counts, and how many unattributed lines */
  counts: { allocated: number; shared: number; unattributedLines: number };
};

/**
 * The services whose cost is shared: those another service (not itself) depends on. `services`
 * should be every service, not only a filtered part: a platform is shared whoever looks at it.
 *
 * @public
 */
export function sharedServices(
  services: ReadonlyArray<{ entityRef: string; dependsOn: readonly string[] }>,
): Set<string> {
  const shared = new Set<string>();
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      if (dependency !== service.entityRef) shared.add(dependency);
    }
  }
  return shared;
}

/**
 * Allocated, shared and unattributed spend of one month, per currency (sorted by currency), added
 * up in cents. Shares are split from 10,000 hundredths of a percent by the largest-remainder
 * method, so they always sum to 100; a negative part (a credit larger than its charges) counts as
 * no share.
 *
 * @public
 */
export function costCoverage(input: {
  services: readonly CoverageSpend[];
  /** the refs of shared services, see {@link sharedServices} */
  shared: ReadonlySet<string>;
  unattributed: ReadonlyArray<{ currency: string; amount: number }>;
}): CostCoverage[] {
  type Cents = {
    allocated: number;
    shared: number;
    unattributed: number;
    allocatedServices: Set<string>;
    sharedServices: Set<string>;
    unattributedLines: number;
  };
  const byCurrency = new Map<string, Cents>();
  const of = (currency: string): Cents => {
    let cents = byCurrency.get(currency);
    if (!cents) {
      cents = {
        allocated: 0,
        shared: 0,
        unattributed: 0,
        allocatedServices: new Set(),
        sharedServices: new Set(),
        unattributedLines: 0,
      };
      byCurrency.set(currency, cents);
    }
    return cents;
  };
  for (const spend of input.services) {
    const cents = of(spend.currency);
    if (input.shared.has(spend.entityRef)) {
      cents.shared += toCents(spend.amount);
      cents.sharedServices.add(spend.entityRef);
    } else {
      cents.allocated += toCents(spend.amount);
      cents.allocatedServices.add(spend.entityRef);
    }
  }
  for (const line of input.unattributed) {
    const cents = of(line.currency);
    cents.unattributed += toCents(line.amount);
    cents.unattributedLines += 1;
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-US'))
    .map(([currency, cents]) => {
      const total = cents.allocated + cents.shared + cents.unattributed;
      const parts = [cents.allocated, cents.shared, cents.unattributed];
      const shares =
        total > 0
          ? splitCents(
              10_000,
              parts.map(part => Math.max(0, part)),
            ).map(fromCents)
          : null;
      return {
        currency,
        allocated: fromCents(cents.allocated),
        shared: fromCents(cents.shared),
        unattributed: fromCents(cents.unattributed),
        total: fromCents(total),
        shares: shares && {
          allocated: shares[0],
          shared: shares[1],
          unattributed: shares[2],
        },
        counts: {
          allocated: cents.allocatedServices.size,
          shared: cents.sharedServices.size,
          unattributedLines: cents.unattributedLines,
        },
      };
    });
}
