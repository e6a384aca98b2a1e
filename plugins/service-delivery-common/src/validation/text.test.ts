import {
  appendKey,
  characterCount,
  describeValue,
  listed,
  shorten,
  suggest,
} from './text';

const sixty = 'abcdefghij'.repeat(6);

describe('shorten', () => {
  it('keeps text of up to 60 characters whole', () => {
    expect(shorten('')).toBe('');
    expect(shorten('costCenter')).toBe('costCenter');
    expect(shorten(sixty)).toBe(sixty);
  });

  it('cuts longer text to its first 60 characters and says how long it was', () => {
    expect(shorten(`${sixty}k`)).toBe(`${sixty}… (61 characters)`);
    expect(shorten('x'.repeat(2_000_000))).toBe(
      `${'x'.repeat(60)}… (2000000 characters)`,
    );
  });

  it('counts characters, not UTF-16 units, and never cuts one in half', () => {
    const emoji = '😀'.repeat(61);
    expect(shorten('😀'.repeat(60))).toBe('😀'.repeat(60));
    expect(shorten(emoji)).toBe(`${'😀'.repeat(60)}… (61 characters)`);
    expect(shorten(`${'a'.repeat(59)}😀😀`)).toBe(
      `${'a'.repeat(59)}😀… (61 characters)`,
    );
  });
});

describe('characterCount', () => {
  it('counts a surrogate pair as one character and a lone surrogate as one', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('a😀b')).toBe(3);
    expect(characterCount('\ud800a\udc00')).toBe(3);
  });
});

describe('describeValue', () => {
  it('quotes a long value shortened', () => {
    expect(describeValue('fast')).toBe("'fast'");
    expect(describeValue(`${sixty}${sixty}`)).toBe(
      `'${sixty}… (120 characters)'`,
    );
  });
});

describe('appendKey', () => {
  it('shortens a long key in the path', () => {
    expect(appendKey('spec.serviceDelivery', 'cost')).toBe(
      'spec.serviceDelivery.cost',
    );
    expect(appendKey('', `${sixty}${sixty}`)).toBe(
      `${sixty}… (120 characters)`,
    );
  });
});

describe('suggest', () => {
  const known = ['tier', 'agreements', 'continuity'];

  it('names the known word a misspelling is closest to', () => {
    expect(suggest('agreement', known)).toBe('agreements');
    expect(suggest('Continuty', known)).toBe('continuity');
    expect(suggest('tiers', known)).toBe('tier');
  });

  it('suggests nothing for a word too far from every known one', () => {
    expect(suggest('sla', known)).toBeUndefined();
    // three edits away from agreements, which allows three: one more is too many
    expect(suggest('agreementsxxx', known)).toBe('agreements');
    expect(suggest('agreementsxxxx', known)).toBeUndefined();
  });

  it('suggests nothing, at once, for a word far longer than any known one', () => {
    expect(suggest('agreements'.padEnd(2_000_000, 'x'), known)).toBeUndefined();
    expect(suggest('x'.repeat(50), known)).toBeUndefined();
  });
});

describe('listed', () => {
  it('lists up to ten names and counts the rest', () => {
    const names = Array.from({ length: 12 }, (_, i) => `o${i + 1}`);
    expect(listed(names.slice(0, 3))).toBe('o1, o2, o3');
    expect(listed(names.slice(0, 10))).toBe(
      'o1, o2, o3, o4, o5, o6, o7, o8, o9, o10',
    );
    expect(listed(names)).toBe(
      'o1, o2, o3, o4, o5, o6, o7, o8, o9, o10 and 2 more',
    );
  });

  it('shortens each long name', () => {
    expect(listed(['a', `${sixty}!`])).toBe(`a, ${sixty}… (61 characters)`);
  });
});
