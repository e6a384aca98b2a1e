import { formats, parseInstant } from './formats';

const iso = (value: string) => {
  const millis = parseInstant(value);
  return millis === undefined ? undefined : new Date(millis).toISOString();
};

describe('parseInstant', () => {
  it.each([
    ['2026-10-01T00:00:00Z', '2026-10-01T00:00:00.000Z'],
    // the hour London repeats when summer time ends, once in each offset
    ['2026-10-25T01:30:00+01:00', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25T01:30:00+00:00', '2026-10-25T01:30:00.000Z'],
    ['2026-01-01T00:00:00.123456789-05:30', '2026-01-01T05:30:00.123Z'],
    ['2026-01-01T00:00:00.5+0100', '2025-12-31T23:00:00.500Z'],
    ['2026-01-01T12:00+02', '2026-01-01T10:00:00.000Z'],
    ['2026-03-01T00:00Z', '2026-03-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2024-02-29T24:00:00Z', '2024-03-01T00:00:00.000Z'],
    // years below 100 are not the 1900s
    ['0050-06-30T00:00:00Z', '0050-06-30T00:00:00.000Z'],
    ['0000-02-29T00:00:00Z', '0000-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(iso(value)).toBe(expected);
  });

  it.each([
    '2026-10-01T00:00:00', // no offset
    '2026-10-01',
    '2026-10-01 00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:01Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:60Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00+01:60',
    '2026-01-01T10:00:00.Z',
    '2026-01-01T10:00:00.1234567890Z',
    '+2026-01-01T10:00:00Z',
  ])('refuses %s', value => {
    expect(parseInstant(value)).toBeUndefined();
  });

  it('refuses text longer than any instant, however often it is asked', () => {
    const long = `2026-01-01T10:00:00Z${' '.repeat(100_000)}`;
    expect(parseInstant(long)).toBeUndefined();
    expect(parseInstant(long)).toBeUndefined();
    expect(iso('2026-01-01T00:00:00.123456789-05:30')).toBe(
      '2026-01-01T05:30:00.123Z',
    );
  });
});

describe('the timezone format', () => {
  const isZone = (value: string) => formats.timezone.validate!(value);

  it.each(['Europe/London', 'UTC', 'America/Argentina/ComodRivadavia'])(
    'takes %s',
    zone => {
      expect(isZone(zone)).toBe(true);
      expect(isZone(zone)).toBe(true);
    },
  );

  it('refuses text longer than any zone name without asking Intl, however often it is asked', () => {
    const long = `Europe/London${'/London'.repeat(20_000)}`;
    const intl = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(isZone(long)).toBe(false);
      expect(isZone(long)).toBe(false);
      expect(intl).not.toHaveBeenCalled();
    } finally {
      intl.mockRestore();
    }
    expect(isZone('Europe/Londn')).toBe(false);
    expect(isZone('Europe/London')).toBe(true);
  });
});
