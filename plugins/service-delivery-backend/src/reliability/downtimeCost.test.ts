import {
  IncidentInput,
  ServiceHoursInput,
  availabilityBurnDown,
  outageAnalysis,
  periodAvailability,
  resolvePeriod,
  agreedServiceWindows,
} from '@service-delivery/plugin-service-delivery-common';

jest.setTimeout(300_000);

const INCIDENTS = 5000;
const REPETITIONS = 5;
/** How much more CPU an adversarial set may cost than a benign one of the same size. */
const MAX_RATIO = 5;
const STEP_MS = 4 * 60_000;

const timezone = 'Europe/London';
const period = resolvePeriod('2026-03', {
  defaultPeriod: 'month',
  timezone,
  now: Date.UTC(2026, 5, 1),
});
const serviceHours: ServiceHoursInput = {
  timezone,
  weekly: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' },
  ],
  maintenance: [{ days: ['wed'], from: '06:00', to: '09:00' }],
};

/** Incident i over steps [from(i), to(i)) after the period starts, full and partial in turn. */
const incidentSet = (
  name: string,
  from: (i: number) => number,
  to: (i: number) => number,
): IncidentInput[] =>
  Array.from({ length: INCIDENTS }, (_, i) => ({
    id: `${name}-${i}`,
    impact: i % 2 === 0 ? 'full' : 'partial',
    priority: `P${1 + (i % 4)}`,
    cause: i % 3 === 0 ? 'deployment' : 'capacity',
    startedAt: new Date(period.start + from(i) * STEP_MS).toISOString(),
    resolvedAt: new Date(period.start + to(i) * STEP_MS).toISOString(),
  }));

// 5,000 incidents over the same 27.8 days (40,000 minutes) of the month, so only their shape differs.
const disjoint = incidentSet(
  'disjoint',
  i => 2 * i,
  i => 2 * i + 1,
);
// each contains the next
const nested = incidentSet(
  'nested',
  i => i,
  i => 2 * INCIDENTS - i,
);
// every one overlaps every other: same length, staggered starts
const overlapping = incidentSet(
  'overlapping',
  i => i,
  i => i + INCIDENTS,
);

/** What the availability and SLA pages compute from an entity's incidents for a period. */
function availabilityFigures(incidents: IncidentInput[]) {
  const measured = periodAvailability({ serviceHours, incidents, period });
  const analysis = outageAnalysis(
    incidents,
    agreedServiceWindows(serviceHours, period.start, period.elapsedEnd),
    period.elapsedEnd,
    { timezone },
  );
  const burnDown = availabilityBurnDown({
    target: 99.9,
    serviceHours,
    incidents,
    period,
  });
  return { measured, analysis, burnDown };
}

/** Median CPU milliseconds (user + system) of one computation, over several runs. */
function medianCpuMs(run: () => unknown): number {
  const samples: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

describe('downtime of adversarial incident sets', () => {
  it('are the shapes they claim', () => {
    const failuresOf = (incidents: IncidentInput[]) =>
      availabilityFigures(incidents).measured.downtime.failures;
    // disjoint incidents: one failure each, less those wholly out of agreed hours
    expect(failuresOf(disjoint)).toBeGreaterThan(INCIDENTS / 10);
    expect(failuresOf(nested)).toBe(1);
    expect(failuresOf(overlapping)).toBe(1);
  });

  it(`cost at most ${MAX_RATIO}× the CPU of ${INCIDENTS} disjoint incidents`, () => {
    // warm the code up on every shape before measuring any
    [disjoint, nested, overlapping].forEach(availabilityFigures);

    const benign = medianCpuMs(() => availabilityFigures(disjoint));
    const ratios = {
      nested: medianCpuMs(() => availabilityFigures(nested)) / benign,
      overlapping: medianCpuMs(() => availabilityFigures(overlapping)) / benign,
    };
    expect(ratios.nested).toBeLessThanOrEqual(MAX_RATIO);
    expect(ratios.overlapping).toBeLessThanOrEqual(MAX_RATIO);
  });
});
