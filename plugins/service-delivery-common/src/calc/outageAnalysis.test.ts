import { outageAnalysis } from './outageAnalysis';
import { agreedServiceWindows } from './serviceTime';
import { IncidentInput } from './types';

const at = (iso: string) => Date.parse(iso);
const MIN = 60;

const hours = (byHour: Array<{ hour: number; downtime: number }>) =>
  Object.fromEntries(
    byHour.filter(h => h.downtime > 0).map(h => [h.hour, h.downtime]),
  );

describe('outageAnalysis', () => {
  // two summer days in London (BST = UTC+1), around the clock
  const start = at('2026-06-10T00:00:00Z');
  const end = at('2026-06-12T00:00:00Z');
  const windows = agreedServiceWindows(
    { timezone: 'Europe/London' },
    start,
    end,
  );
  const incidents: IncidentInput[] = [
    // a: 08:30–09:30Z = 09:30–10:30 BST, full → 60 min
    {
      id: 'a',
      priority: 'P1',
      cause: 'deployment',
      impact: 'full',
      startedAt: '2026-06-10T08:30:00Z',
      resolvedAt: '2026-06-10T09:30:00Z',
    },
    // b: 12:00–14:00Z = 13:00–15:00 BST, partial (× 0.5)
    {
      id: 'b',
      priority: 'P2',
      cause: 'network',
      impact: 'partial',
      startedAt: '2026-06-10T12:00:00Z',
      resolvedAt: '2026-06-10T14:00:00Z',
    },
    // c: 13:00–13:30Z = 14:00–14:30 BST, full, inside b
    {
      id: 'c',
      priority: 'P2',
      cause: 'deployment',
      impact: 'full',
      startedAt: '2026-06-10T13:00:00Z',
      resolvedAt: '2026-06-10T13:30:00Z',
    },
    // d: degraded only, no downtime
    {
      id: 'd',
      priority: 'P3',
      impact: 'degraded',
      startedAt: '2026-06-10T15:00:00Z',
      resolvedAt: '2026-06-10T16:00:00Z',
    },
    // e: 00:00–00:15Z = 01:00–01:15 BST, full, no cause recorded
    {
      id: 'e',
      priority: 'P1',
      impact: 'full',
      startedAt: '2026-06-11T00:00:00Z',
      resolvedAt: '2026-06-11T00:15:00Z',
    },
  ];
  // a: 60 min
  // b + c: 12:00–13:00 half (30 min, to b), 13:00–13:30 full (30 min, to c), 13:30–14:00 half (15 min, to b)
  // e: 15 min
  // total 60 + 30 + 30 + 15 + 15 = 150 min = 9 000 s
  const result = outageAnalysis(incidents, windows, end, {
    timezone: 'Europe/London',
  });

  it('adds up to the downtime of the period', () => {
    expect(result.downtime).toBe(150 * MIN);
    // a, b+c, e
    expect(result.failures).toBe(3);
    expect(result.timezone).toBe('Europe/London');
  });

  it('breaks downtime down by cause', () => {
    // deployment: a 60 + c 30 = 90 min (60 %); network: b 45 min (30 %); unspecified: e 15 min (10 %)
    expect(result.byCause).toEqual([
      { key: 'deployment', downtime: 90 * MIN, incidents: 2, share: 60 },
      { key: 'network', downtime: 45 * MIN, incidents: 1, share: 30 },
      { key: 'unspecified', downtime: 15 * MIN, incidents: 1, share: 10 },
    ]);
  });

  it('breaks downtime down by priority', () => {
    // P1: a 60 + e 15 = 75 min; P2: b 45 + c 30 = 75 min; a tie is ordered by name. P3 had none.
    expect(result.byPriority).toEqual([
      { key: 'P1', downtime: 75 * MIN, incidents: 2, share: 50 },
      { key: 'P2', downtime: 75 * MIN, incidents: 2, share: 50 },
    ]);
  });

  it('breaks downtime down by local hour of day', () => {
    expect(result.byHourOfDay).toHaveLength(24);
    expect(result.byHourOfDay[0]).toEqual({ hour: 0, downtime: 0 });
    expect(hours(result.byHourOfDay)).toEqual({
      // e 01:00–01:15 BST
      1: 15 * MIN,
      // a 09:30–10:30 BST
      9: 30 * MIN,
      10: 30 * MIN,
      // b alone at half weight 13:00–14:00 BST
      13: 30 * MIN,
      // c full 14:00–14:30 BST (30) + b half 14:30–15:00 BST (15)
      14: 45 * MIN,
    });
  });

  it('puts both passes of the repeated hour in one bucket when clocks go back', () => {
    // London 25 October 2026: 00:00Z–01:00Z is 01:xx BST, 01:00Z–02:00Z is 01:xx GMT
    const day = agreedServiceWindows(
      { timezone: 'Europe/London' },
      at('2026-10-24T23:00:00Z'),
      at('2026-10-26T00:00:00Z'),
    );
    const autumn = outageAnalysis(
      [
        {
          id: 'x',
          impact: 'full',
          startedAt: '2026-10-25T00:00:00Z',
          resolvedAt: '2026-10-25T02:00:00Z',
        },
      ],
      day,
      at('2026-10-26T00:00:00Z'),
      { timezone: 'Europe/London' },
    );
    expect(hours(autumn.byHourOfDay)).toEqual({ 1: 120 * MIN });
  });

  it('counts only agreed time and reads hours in UTC by default', () => {
    const businessHours = agreedServiceWindows(
      { weekly: [{ days: ['wed'], from: '09:00', to: '17:00' }] },
      start,
      end,
    );
    // 08:30–09:30Z on Wednesday 10 June: only 09:00–09:30 is agreed time
    const clipped = outageAnalysis([incidents[0]], businessHours, end);
    expect(clipped.downtime).toBe(30 * MIN);
    expect(hours(clipped.byHourOfDay)).toEqual({ 9: 30 * MIN });
    expect(clipped.timezone).toBe('UTC');
  });

  it('is empty without downtime', () => {
    const none = outageAnalysis([], windows, end);
    expect(none.downtime).toBe(0);
    expect(none.byCause).toEqual([]);
    expect(none.byPriority).toEqual([]);
    expect(none.byHourOfDay.every(h => h.downtime === 0)).toBe(true);
  });
});
