import { IANAZone } from 'luxon';
import { instantOfWallClock, offsetLookup } from './zone';

describe('instantOfWallClock', () => {
  it('reads a wall-clock time in the service’s zone', () => {
    // Berlin in November: CET, +01:00
    expect(instantOfWallClock('2026-11-10T02:00', 'Europe/Berlin')).toBe(
      '2026-11-10T01:00:00.000Z',
    );
    // New York in July: EDT, −04:00
    expect(instantOfWallClock('2026-07-01T23:30:15', 'America/New_York')).toBe(
      '2026-07-02T03:30:15.000Z',
    );
    expect(instantOfWallClock('2028-02-29T00:00', 'UTC')).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    // India: +05:30
    expect(instantOfWallClock('2026-11-01T00:00', 'Asia/Kolkata')).toBe(
      '2026-10-31T18:30:00.000Z',
    );
  });

  it('reads a repeated time as its first pass and a skipped one with the offset before', () => {
    // 25 October 2026, Berlin: 03:00 CEST becomes 02:00 CET; 02:30 happens twice
    expect(instantOfWallClock('2026-10-25T02:30', 'Europe/Berlin')).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // 29 March 2026, Berlin: 02:00 CET becomes 03:00 CEST; 02:30 never shows
    expect(instantOfWallClock('2026-03-29T02:30', 'Europe/Berlin')).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('names what it cannot read', () => {
    expect(() => instantOfWallClock('2026-02-30T10:00', 'UTC')).toThrow(
      '2026-02-30T10:00 is not a date and time (YYYY-MM-DDTHH:MM)',
    );
    expect(() => instantOfWallClock('10/11/2026 02:00', 'UTC')).toThrow(
      RangeError,
    );
    expect(() =>
      instantOfWallClock('2026-11-10T02:00', 'Europe/Nowhere'),
    ).toThrow('Europe/Nowhere is not a time zone');
  });
});

describe('offsetLookup', () => {
  /** Berlin, counting how often the zone itself (Intl) is asked. */
  function countedBerlin() {
    const berlin = IANAZone.create('Europe/Berlin');
    const counted = Object.create(berlin) as typeof berlin & { asked: number };
    counted.asked = 0;
    counted.offset = (instant: number) => {
      counted.asked++;
      return berlin.offset(instant);
    };
    return counted;
  }

  it('answers the offset on each side of a change, to the millisecond', () => {
    const zone = countedBerlin();
    // 29 March 2026: 01:00 UTC is when Berlin moves from +01:00 to +02:00
    const change = Date.UTC(2026, 2, 29, 1);
    const offsetAt = offsetLookup(
      zone,
      Date.UTC(2026, 2, 1),
      Date.UTC(2026, 3, 1, 13, 7),
    );
    expect(offsetAt(change - 1)).toBe(60);
    expect(offsetAt(change)).toBe(120);
    expect(offsetAt(Date.UTC(2026, 2, 1))).toBe(60);
    expect(offsetAt(Date.UTC(2026, 3, 1, 13, 7))).toBe(120);
    // outside the span the zone is asked
    expect(offsetAt(Date.UTC(2026, 9, 26))).toBe(60);
  });

  it('lays a span out once a day: a current period ending at a later instant the same day reuses it', () => {
    const zone = countedBerlin();
    const start = Date.UTC(2025, 10, 1);
    const first = offsetLookup(zone, start, Date.UTC(2025, 11, 2, 9, 0, 1));
    expect(zone.asked).toBeGreaterThan(25);
    const asked = zone.asked;
    const later = offsetLookup(zone, start, Date.UTC(2025, 11, 2, 17, 45));
    expect(zone.asked).toBe(asked);
    expect(later(Date.UTC(2025, 11, 2, 17))).toBe(60);
    expect(first(Date.UTC(2025, 6, 1))).toBe(120); // outside: asked
    expect(zone.asked).toBe(asked + 1);
    // the next day is laid out again
    offsetLookup(zone, start, Date.UTC(2025, 11, 3, 0, 0, 1));
    expect(zone.asked).toBeGreaterThan(asked + 25);
  });
});
