import {
  CostRecord,
  canonicalEntityRef,
  fromCents,
  toCents,
} from '@service-delivery/plugin-service-delivery-common';
import { createHash } from 'crypto';
import { CsvRow } from './csv';

/*
 * Turns a finance export with FOCUS-like columns into cost records: one record per service, month,
 * category, the rows of each added up.
 */

/** Which column holds what; names are matched without regard to case. */
export interface CostColumns {
  /** The billing period's start: `2026-04-01T00:00:00Z`, `2026-04-01` or `2026-04`. */
  period: string;
  /** An entity reference, or a service name taken as the name of a component. */
  entity: string;
  category: string;
  cost: string;
  /** Absent when every row is in the one currency given instead. */
  currency?: string;
}

export const ENTITY_COLUMNS = ['EntityRef', 'x_EntityRef', 'ServiceName'];
export const COST_COLUMNS = ['EffectiveCost', 'BilledCost'];

/** A problem with some rows of the file: their lines and the column. */
export interface RowProblem {
  lines: number[];
  column: string;
  message: string;
}

export interface MappedCosts {
  records: CostRecord[];
  /** The CSV lines each record adds up, by the record's index. */
  lines: number[][];
  problems: RowProblem[];
  columns?: CostColumns;
}

export interface CostMappingOptions {
  source: string;
  /** Columns chosen on the command line; the others are found by their FOCUS names. */
  columns?: Partial<CostColumns>;
  /** The currency of every row, when the file has no currency column. */
  currency?: string;
  /**
   * Services of the file (canonical references) charged to another entity: the record keeps the
   * id made of the file's name, so that importing the file again moves a line held unattributed
   * (a misspelt service) to the entity it was meant for.
   */
  map?: ReadonlyMap<string, string>;
}

function findColumn(
  header: string[],
  wanted: string[],
): { name: string; index: number } | undefined {
  for (const name of wanted) {
    const index = header.findIndex(
      h =>
        h.trim().toLocaleLowerCase('en-US') === name.toLocaleLowerCase('en-US'),
    );
    if (index >= 0) return { name: header[index].trim(), index };
  }
  return undefined;
}

function monthOfPeriod(value: string): string | undefined {
  const text = value.trim();
  if (/^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/.test(text)) return text.slice(0, 7);
  // An instant with its offset: the month it falls in in UTC, as finance periods are.
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(
      /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`,
    );
    if (Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 7);
  }
  return undefined;
}

// A plain decimal number, as finance systems write them: no thousands separators.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** An id that names the record and stays within the 200 characters the API allows. */
function recordId(entityRef: string, month: string, category: string): string {
  const id = `${entityRef}#${month}#${category}`;
  return id.length <= 200
    ? id
    : `${month}#${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * Maps CSV rows (the first is the header) to cost records. Rows of one service, month and category
 * are added up into one record whose id is made of those three, so importing a corrected file again
 * replaces what the first import stored. Every row with a problem is reported; records come only
 * from a file without any.
 */
export function mapCostRows(
  rows: CsvRow[],
  options: CostMappingOptions,
): MappedCosts {
  const problems: RowProblem[] = [];
  const [headerRow, ...dataRows] = rows;
  if (!headerRow) {
    return {
      records: [],
      lines: [],
      problems: [{ lines: [1], column: '', message: 'the file is empty' }],
    };
  }
  const header = headerRow.fields;
  const chosen = options.columns ?? {};
  const column = (role: keyof CostColumns, defaults: string[]) => {
    const names = chosen[role] ? [chosen[role]!] : defaults;
    const found = findColumn(header, names);
    if (!found && (role !== 'currency' || !options.currency)) {
      problems.push({
        lines: [headerRow.line],
        column: names.join(' or '),
        message: `the header names no ${names.join(
          ' or ',
        )} column (it has ${header.join(', ')})`,
      });
    }
    return found;
  };
  const period = column('period', ['ChargePeriodStart']);
  const entity = column('entity', ENTITY_COLUMNS);
  const category = column('category', ['ChargeCategory']);
  const cost = column('cost', COST_COLUMNS);
  const currency = column('currency', ['BillingCurrency']);
  if (!period || !entity || !category || !cost || problems.length > 0) {
    return { records: [], lines: [], problems };
  }

  const groups = new Map<
    string,
    {
      entityRef: string;
      month: string;
      category: string;
      currency: string;
      amount: number;
      lines: number[];
    }
  >();
  for (const row of dataRows) {
    const value = (c: { index: number }) => (row.fields[c.index] ?? '').trim();
    const problem = (c: { name: string }, message: string) =>
      problems.push({ lines: [row.line], column: c.name, message });
    const before = problems.length;

    const month = monthOfPeriod(value(period));
    if (!month) {
      problem(
        period,
        `'${value(
          period,
        )}' is not a billing period start such as 2026-04-01T00:00:00Z`,
      );
    }
    let entityRef: string | undefined;
    try {
      entityRef = value(entity) ? canonicalEntityRef(value(entity)) : undefined;
      if (!entityRef) problem(entity, 'names no service');
    } catch {
      problem(
        entity,
        `'${value(entity)}' is not an entity reference or a name`,
      );
    }
    const categoryName = value(category).toLocaleLowerCase('en-US');
    if (!categoryName) problem(category, 'is empty');
    const amountText = value(cost);
    if (!NUMBER.test(amountText)) {
      problem(cost, `'${amountText}' is not an amount such as 1234.56`);
    }
    const rowCurrency = currency ? value(currency) : options.currency!;
    if (!/^[A-Z]{3}$/.test(rowCurrency)) {
      problem(
        currency ?? { name: 'currency' },
        `'${rowCurrency}' is not a three-letter currency code such as EUR`,
      );
    }
    if (problems.length > before) continue;

    const key = JSON.stringify([entityRef, month, categoryName]);
    const group = groups.get(key);
    if (group && group.currency !== rowCurrency) {
      problem(
        currency!,
        `is ${rowCurrency}, but line ${group.lines[0]} has the same service, month and category in ${group.currency}; one record has one currency`,
      );
      continue;
    }
    const next = group ?? {
      entityRef: entityRef!,
      month: month!,
      category: categoryName,
      currency: rowCurrency,
      amount: 0,
      lines: [],
    };
    next.amount += Number(amountText);
    next.lines.push(row.line);
    groups.set(key, next);
  }
  if (problems.length > 0) {
    return { records: [], lines: [], problems };
  }

  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.entityRef.localeCompare(b.entityRef) ||
      a.month.localeCompare(b.month) ||
      a.category.localeCompare(b.category),
  );
  return {
    records: sorted.map(g => ({
      id: recordId(g.entityRef, g.month, g.category),
      entityRef: options.map?.get(g.entityRef) ?? g.entityRef,
      source: options.source,
      periodStart: g.month,
      category: g.category,
      amount: fromCents(toCents(g.amount)),
      currency: g.currency,
    })),
    lines: sorted.map(g => g.lines),
    problems,
    columns: {
      period: period.name,
      entity: entity.name,
      category: category.name,
      cost: cost.name,
      ...(currency ? { currency: currency.name } : {}),
    },
  };
}
