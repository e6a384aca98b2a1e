import { instantOfWallClock } from './zone';

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
