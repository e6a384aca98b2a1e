import { ValidationProblem } from '../types';

/** `spec.serviceDelivery` + `cost` → `spec.serviceDelivery.cost`; at the root, just `cost`. */
export function appendKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
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

const maxShown = 40;

/** How a problem quotes the value it got. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const characters = [...value];
    const shown =
      characters.length > maxShown
        ? `${characters.slice(0, maxShown).join('')}…`
        : value;
    return `'${shown}'`;
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

/** The known word that `word` is most likely a misspelling of, if any is close enough. */
export function suggest(word: string, known: string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (
      d <= Math.max(1, Math.floor(candidate.length / 3)) &&
      d < (best?.distance ?? Infinity)
    ) {
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
