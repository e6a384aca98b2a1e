import { isObject, pathTo, ProblemList } from './text';

/**
 * An objective's PromQL is either a pair of event counts or one ratio; the schema admits each
 * field alone, this says which combination is missing or too much.
 */
export function checkObjectivePrometheus(
  problems: ProblemList,
  queries: unknown,
  path: string,
) {
  if (!isObject(queries)) {
    return;
  }
  const has = (field: string) => queries[field] !== undefined;
  if (has('ratio') && (has('good') || has('total'))) {
    problems.add(
      pathTo(path, 'ratio'),
      'cannot be declared together with good and total; declare either good and total, or ratio',
    );
  } else if (has('good') && !has('total')) {
    problems.add(
      pathTo(path, 'total'),
      'is required with good: the query counting all events of a bucket',
    );
  } else if (has('total') && !has('good')) {
    problems.add(
      pathTo(path, 'good'),
      'is required with total: the query counting the good events of a bucket',
    );
  } else if (Object.keys(queries).length === 0) {
    problems.add(
      path,
      'must declare good and total, or ratio, such as { good: ..., total: ... }',
    );
  }
}
