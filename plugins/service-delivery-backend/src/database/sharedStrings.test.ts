import { shareStrings } from './sharedStrings';

describe('shareStrings', () => {
  it('keeps every value and pools each distinct string value once, across values', () => {
    const pool = new Map<string, string>();
    const text = JSON.stringify({
      owner: 'group:default/team-0001',
      months: [
        { month: '2026-11', actual: 3 },
        { month: '2026-12', actual: null },
      ],
      dependsOn: ['component:default/db', 'component:default/db'],
      nested: { deep: [['group:default/team-0001']] },
      flag: true,
      none: null,
    });
    const first = shareStrings(JSON.parse(text), pool);
    const second = shareStrings(JSON.parse(text), pool);

    expect(first).toEqual(JSON.parse(text));
    expect(second).toEqual(first);
    // the pool holds each distinct string once
    expect([...pool.keys()].sort()).toEqual([
      '2026-11',
      '2026-12',
      'component:default/db',
      'group:default/team-0001',
    ]);
  });

  it('answers a string or a number as it is', () => {
    const pool = new Map<string, string>();
    expect(shareStrings('met', pool)).toBe('met');
    expect(shareStrings(0.9995, pool)).toBe(0.9995);
    expect(shareStrings(null, pool)).toBeNull();
  });
});
