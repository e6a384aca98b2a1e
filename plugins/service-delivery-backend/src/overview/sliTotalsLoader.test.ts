import { SliTotalsLoader } from './sliTotalsLoader';

const MONTH = { from: 1000, to: 2000 };
const QUARTER = { from: 500, to: 2000 };

function loader() {
  const reads: Array<{ refs: string[]; range: { from: number; to: number } }> =
    [];
  const sli = new SliTotalsLoader(async (refs, range) => {
    reads.push({ refs: [...refs].sort(), range });
    return new Map(
      refs.map(ref => [
        `${ref}|ratio`,
        { good: range.to - range.from, total: ref.length },
      ]),
    );
  });
  return { sli, reads };
}

describe('SliTotalsLoader', () => {
  it('reads what is asked in one step of work with one query per range', async () => {
    const { sli, reads } = loader();
    const answers = await Promise.all([
      sli.totals('a', 'ratio', MONTH),
      sli.totals('bb', 'ratio', MONTH),
      sli.totals('ccc', 'ratio', QUARTER),
      sli.totals('a', 'latency', MONTH),
    ]);
    expect(answers).toEqual([
      { good: 1000, total: 1 },
      { good: 1000, total: 2 },
      { good: 1500, total: 3 },
      // nothing recorded for it: no events
      { good: 0, total: 0 },
    ]);
    expect(reads).toEqual([
      { refs: ['a', 'bb'], range: MONTH },
      { refs: ['ccc'], range: QUARTER },
    ]);
  });

  it('answers later requests from what was prefetched, until it forgets', async () => {
    const { sli, reads } = loader();
    sli.prefetch([
      { entityRef: 'a', range: MONTH },
      { entityRef: 'bb', range: MONTH },
      { entityRef: 'ccc', range: QUARTER },
    ]);
    // one row after the other, each in its own step of work
    expect(await sli.totals('a', 'ratio', MONTH)).toEqual({
      good: 1000,
      total: 1,
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(await sli.totals('bb', 'ratio', MONTH)).toEqual({
      good: 1000,
      total: 2,
    });
    expect(await sli.totals('ccc', 'ratio', QUARTER)).toEqual({
      good: 1500,
      total: 3,
    });
    expect(reads).toHaveLength(2);
    // a range nobody prefetched, and an entity outside the prefetched group, are read anew
    expect(await sli.totals('a', 'ratio', QUARTER)).toEqual({
      good: 1500,
      total: 1,
    });
    expect(await sli.totals('dddd', 'ratio', MONTH)).toEqual({
      good: 1000,
      total: 4,
    });
    expect(reads).toHaveLength(4);
  });

  it('passes a failed read on to everyone who asked', async () => {
    const sli = new SliTotalsLoader(async () => {
      throw new Error('database gone');
    });
    sli.prefetch([
      { entityRef: 'a', range: MONTH },
      // nobody asks for this one: its failure goes unnoticed, and the process lives on
      { entityRef: 'b', range: QUARTER },
    ]);
    await expect(sli.totals('a', 'ratio', MONTH)).rejects.toThrow(
      'database gone',
    );
    await new Promise(resolve => setImmediate(resolve));
  });
});
