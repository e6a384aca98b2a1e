/**
 * The metric names a PromQL expression selects, or why they cannot all be told. Conservative:
 * anything the reader does not understand makes it unsure, and an unsure query is refused where
 * an allow-list of metric names applies.
 */
export type MetricNames = { names: string[] } | { unsure: string };

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'matchers'; name: string | undefined; unsure?: string }
  | { kind: 'punct'; value: string }
  | { kind: 'other' };

const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);
/** followed by a list of label names in parentheses */
const LABEL_LISTS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

const identStart = /[A-Za-z_:]/;
const identPart = /[A-Za-z0-9_:]/;

/** Reads a quoted string starting at `start`; the index after it, or -1 when unterminated. */
function endOfString(query: string, start: number): number {
  const quote = query[start];
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\' && quote !== '`') {
      i++;
    } else if (query[i] === quote) {
      return i + 1;
    }
  }
  return -1;
}

function unquote(literal: string): string {
  return literal[0] === '`'
    ? literal.slice(1, -1)
    : literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** The `__name__` matcher of a `{...}` block: its exact name, or why it is unsure. */
function readMatchers(block: string): {
  name: string | undefined;
  unsure?: string;
} {
  let name: string | undefined;
  let i = 0;
  while (i < block.length) {
    if (/[\s,]/.test(block[i])) {
      i++;
      continue;
    }
    const label = /^[A-Za-z_][A-Za-z0-9_]*|^"(?:[^"\\]|\\.)*"/.exec(
      block.slice(i),
    );
    if (!label) return { name, unsure: `cannot read the matchers {${block}}` };
    i += label[0].length;
    const op = /^\s*(=~|!~|!=|=)\s*/.exec(block.slice(i));
    if (!op) {
      // a quoted metric name alone, as in {"my.metric"}
      if (label[0].startsWith('"')) {
        name = unquote(label[0]);
        continue;
      }
      return { name, unsure: `cannot read the matchers {${block}}` };
    }
    i += op[0].length;
    if (!/["'`]/.test(block[i] ?? '')) {
      return { name, unsure: `cannot read the matchers {${block}}` };
    }
    const end = endOfString(block, i);
    if (end < 0) return { name, unsure: 'an unterminated string' };
    const labelName = label[0].startsWith('"') ? unquote(label[0]) : label[0];
    if (labelName === '__name__') {
      if (op[1] !== '=') {
        return {
          name,
          unsure: `the metric name is matched with ${op[1]}, not named`,
        };
      }
      name = unquote(block.slice(i, end));
    }
    i = end;
  }
  return { name };
}

function tokenize(query: string): Token[] | { unsure: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      return { unsure: 'a comment' };
    } else if (c === '"' || c === "'" || c === '`') {
      const end = endOfString(query, i);
      if (end < 0) return { unsure: 'an unterminated string' };
      tokens.push({ kind: 'other' });
      i = end;
    } else if (c === '{') {
      let end = i + 1;
      while (end < query.length && query[end] !== '}') {
        if (/["'`]/.test(query[end])) {
          end = endOfString(query, end);
          if (end < 0) return { unsure: 'an unterminated string' };
        } else {
          end++;
        }
      }
      if (end >= query.length) return { unsure: 'an unclosed {' };
      tokens.push({
        kind: 'matchers',
        ...readMatchers(query.slice(i + 1, end)),
      });
      i = end + 1;
    } else if (c === '[') {
      const end = query.indexOf(']', i);
      if (end < 0) return { unsure: 'an unclosed [' };
      // a range or subquery: durations, and $bucket
      if (!/^[\sA-Za-z0-9_:.$]*$/.test(query.slice(i + 1, end))) {
        return { unsure: `cannot read the range [${query.slice(i + 1, end)}]` };
      }
      tokens.push({ kind: 'other' });
      i = end + 1;
    } else if (identStart.test(c)) {
      let end = i + 1;
      while (end < query.length && identPart.test(query[end])) end++;
      tokens.push({ kind: 'ident', value: query.slice(i, end) });
      i = end;
    } else if (/[0-9.]/.test(c)) {
      // numbers, hexadecimals and durations (offset 5m)
      let end = i + 1;
      while (end < query.length && /[0-9A-Za-z_.]/.test(query[end])) end++;
      tokens.push({ kind: 'other' });
      i = end;
    } else if ('(),'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else if ('+-*/%^=!<>@~'.includes(c)) {
      tokens.push({ kind: 'other' });
      i++;
    } else {
      return { unsure: `cannot read '${c}'` };
    }
  }
  return tokens;
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

export function metricNamesOf(query: string): MetricNames {
  const tokens = tokenize(query);
  if (!Array.isArray(tokens)) return tokens;
  const names = new Set<string>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const next = tokens[t + 1];
    if (token.kind === 'matchers') {
      if (token.unsure) return { unsure: token.unsure };
      const previous = tokens[t - 1];
      if (previous?.kind === 'ident' && names.has(previous.value)) {
        if (token.name !== undefined) {
          return { unsure: 'a metric named twice in one selector' };
        }
        continue;
      }
      if (token.name === undefined) {
        return { unsure: 'a selector without a metric name' };
      }
      names.add(token.name);
      continue;
    }
    if (token.kind !== 'ident') continue;
    const word = token.value.toLowerCase();
    if (LABEL_LISTS.has(word)) {
      if (isPunct(next, '(')) {
        // skip the label names up to the closing parenthesis
        let end = t + 2;
        while (end < tokens.length && !isPunct(tokens[end], ')')) {
          if (tokens[end].kind !== 'ident' && tokens[end].kind !== 'punct') {
            return { unsure: `cannot read the label list after ${word}` };
          }
          end++;
        }
        t = end;
      }
      continue;
    }
    if (KEYWORDS.has(word) || AGGREGATIONS.has(word)) continue;
    if (isPunct(next, '(')) continue; // a function
    names.add(token.value);
  }
  return { names: [...names] };
}

/**
 * Why a query may not run under an allow-list of metric name prefixes, or undefined when every
 * metric it selects starts with one of them.
 */
export function metricPrefixRefusal(
  query: string,
  allowedPrefixes: string[],
): string | undefined {
  const found = metricNamesOf(query.replace(/\$bucket\b/g, '1h'));
  if ('unsure' in found) {
    return `its metric names cannot all be told (${found.unsure}), so serviceDelivery.prometheus.allowedMetricPrefixes refuses it`;
  }
  const outside = found.names.filter(
    name => !allowedPrefixes.some(prefix => name.startsWith(prefix)),
  );
  if (outside.length > 0) {
    return `it selects ${outside.join(
      ', ',
    )}, outside serviceDelivery.prometheus.allowedMetricPrefixes (${allowedPrefixes.join(
      ', ',
    )})`;
  }
  return undefined;
}
