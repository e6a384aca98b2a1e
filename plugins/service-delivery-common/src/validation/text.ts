import { ValidationProblem } from '../types';

const maxShown = 60;

const surrogatePair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** How many characters (code points) `text` has, counted without splitting it into an array. */
export function characterCount(text: string): number {
  return text.length - (text.match(surrogatePair)?.length ?? 0);
}

/**
 * Text from the input as a problem repeats it: whole up to 60 characters, otherwise its first 60
 * and how long it was, `xxxx… (2000000 characters)`. A key or value may be as long as the payload
 * that carries it, and a message should not be.
 */
export function shorten(text: string): string {
  let end = 0;
  for (let shown = 0; shown < maxShown && end < text.length; shown++) {
    const code = text.charCodeAt(end);
    const next = text.charCodeAt(end + 1);
    end +=
      code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff
        ? 2
        : 1;
  }
  if (end >= text.length) {
    return text;
  }
  return `${text.slice(0, end)}… (${characterCount(text)} characters)`;
}

/**
 * `spec.serviceDelivery` + `cost` → `spec.serviceDelivery.cost`; at the root, just `cost`. A long
 * key (an unknown one: no known key is long) is shortened.
 */
export function appendKey(path: string, key: string): string {
  const step = shorten(key);
  return path === '' ? step : `${path}.${step}`;
}

export function appendIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Joins steps: strings are keys, numbers are list indices. */
export function pathTo(root: string, ...steps: Array<string | number>): string {
  return steps.reduce<string>(
    (path, step) =>
      typeof step === 'number'
        ? appendIndex(path, step)
        : appendKey(path, step),
    root,
  );
}

/** Names for a sentence, shortened each, at most `max` of them: `a, b, c and 12 more`. */
export function listed(names: string[], max = 10): string {
  const shown = names.slice(0, max).map(shorten).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** How a problem quotes the value it got. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return `'${shorten(value)}'`;
  }
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value instanceof Date) {
    return 'a YAML date; quote it';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return String(value);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** How many edits a misspelling of `candidate` may be away from it. */
function tolerance(candidate: string): number {
  return Math.max(1, Math.floor(candidate.length / 3));
}

/**
 * The known word that `word` is most likely a misspelling of, if any is close enough. Two words
 * are at least as many edits apart as their lengths differ, so a word much longer than every known
 * one costs nothing, however long it is.
 */
export function suggest(word: string, known: string[]): string | undefined {
  const reach = Math.max(0, ...known.map(k => k.length + tolerance(k)));
  // lower-casing may lengthen a word a little (İ becomes i̇): twice the reach leaves room for that
  if (word.length > 2 * reach) {
    return undefined;
  }
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const lowerCandidate = candidate.toLowerCase();
    if (Math.abs(lower.length - lowerCandidate.length) > tolerance(candidate)) {
      continue;
    }
    const d = distance(lower, lowerCandidate);
    if (d <= tolerance(candidate) && d < (best?.distance ?? Infinity)) {
      best = { candidate, distance: d };
    }
  }
  return best?.candidate;
}

/**
 * Collects problems, at most one per path: a rule checked after the schema stays quiet about a
 * field the schema already complained about.
 */
export class ProblemList {
  private readonly problems: ValidationProblem[] = [];
  private readonly paths = new Set<string>();

  add(path: string, message: string): void {
    if (!this.paths.has(path)) {
      this.paths.add(path);
      this.problems.push({ path, message });
    }
  }

  addAll(problems: ValidationProblem[]): void {
    for (const problem of problems) {
      this.add(problem.path, problem.message);
    }
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  get size(): number {
    return this.problems.length;
  }

  toArray(): ValidationProblem[] {
    return [...this.problems];
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objectsOf(
  value: unknown,
): Array<[number, Record<string, unknown>]> {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item, index) =>
    isObject(item) ? [[index, item] as [number, Record<string, unknown>]] : [],
  );
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
