import {
  CostRecord,
  IngestErrorResponse,
  IngestResponse,
  maxRecordsPerBatch,
} from '@service-delivery/plugin-service-delivery-common';
import { promises as fs } from 'fs';
import { basename } from 'path';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
import { CsvError, parseCsv } from './csv';
import { CostColumns, mapCostRows } from './focusCosts';

const usage = `Usage: service-delivery-import-costs [options] <costs.csv>

Loads a finance export into Service Delivery: each row's cost is added up per service, month and
category, and the records are sent in batches to POST /api/service-delivery/v1/ingest/costs.
Importing a corrected file again replaces what the earlier import stored.

Columns (FOCUS names, any case): ChargePeriodStart, EntityRef or ServiceName (a service name is
taken as the name of a component), ChargeCategory, EffectiveCost or BilledCost, BillingCurrency.

Options:
  --url <url>               the Backstage backend (default http://localhost:7007)
  --token <token>           a Backstage token allowed to write service-delivery data
                            (default: the SERVICE_DELIVERY_TOKEN environment variable)
  --source <name>           the source the records are stored under (default finance-csv)
  --entity-column <name>    the column naming the service
  --category-column <name>  the column naming the category (e.g. ServiceCategory)
  --cost-column <name>      the column holding the amount (e.g. BilledCost)
  --currency <code>         the currency of every row, when the file has no currency column
  --map <service>=<entity>  charge the file's <service> to <entity> (repeatable): for a line
                            held unattributed because the service is misspelt, import the same
                            file again with --map to move it to the entity it was meant for
  --batch-size <n>          records per request (default ${maxRecordsPerBatch})
  --dry-run                 check the file and show what would be sent, send nothing

Prints one line per problem, file:line: column: message, with the lines of every row a refused
record adds up. A service the catalog does not know is not refused: its lines are held
unattributed (listed by GET /api/service-delivery/v1/cost/unattributed for finance), each printed
as file:line: held unattributed. Exits 0 when everything was stored, 1 on problems, 2 on a usage error.`;

/** Where the import writes; tests collect it. */
export interface ImportOutput {
  out(line: string): void;
  err(line: string): void;
}

const processOutput: ImportOutput = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

export interface ImportCostsOptions {
  file: string;
  url: string;
  token?: string;
  source: string;
  columns: Partial<CostColumns>;
  currency?: string;
  /** the file's services (canonical references) charged to other entities */
  map?: Map<string, string>;
  batchSize: number;
  dryRun: boolean;
}

/** What the ingest route answers for costs: also the lines it held unattributed. */
type CostIngestResponse = IngestResponse & {
  unattributed?: { entityRefs: string[] };
};

// What each field of a record is called in the file.
function columnOf(path: string, columns: CostColumns | undefined): string {
  const byField: Record<string, string | undefined> = {
    entityRef: columns?.entity,
    periodStart: columns?.period,
    category: columns?.category,
    amount: columns?.cost,
    currency: columns?.currency ?? 'currency',
  };
  return byField[path.split('.')[0]] ?? (path || 'record');
}

async function send(
  url: string,
  token: string | undefined,
  records: CostRecord[],
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(
    `${url.replace(/\/+$/, '')}/api/service-delivery/v1/ingest/costs`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(records),
    },
  );
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: shown as text
  }
  return { status: response.status, body };
}

function errorMessage(body: unknown): string {
  if (body && typeof body === 'object') {
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'string') return error;
    if (error && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
  }
  return String(body).slice(0, 500);
}

/** Reads, maps and sends one file. Resolves to the exit code. */
export async function importCosts(
  options: ImportCostsOptions,
  output: ImportOutput = processOutput,
): Promise<number> {
  const { file } = options;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    output.err(`${file}: cannot be read: ${(error as Error).message}`);
    return 1;
  }
  let rows;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) {
      output.out(`${file}:${error.line}: is not valid CSV: ${error.message}`);
      return 1;
    }
    throw error;
  }

  const mapped = mapCostRows(rows, {
    source: options.source,
    columns: options.columns,
    currency: options.currency,
    map: options.map,
  });
  for (const problem of mapped.problems) {
    output.out(
      `${file}:${problem.lines.join(',')}: ${problem.column}: ${
        problem.message
      }`,
    );
  }
  if (mapped.problems.length > 0) {
    output.err(
      `${mapped.problems.length} problem(s) in ${file}; nothing was sent`,
    );
    return 1;
  }
  // where each record came from, kept with a line held unattributed so finance can find it
  const records: CostRecord[] = mapped.records.map((record, index) => ({
    ...record,
    origin: { file: basename(file), lines: mapped.lines[index].slice(0, 1000) },
  }));
  output.err(
    `${file}: ${rows.length - 1} row(s) → ${records.length} cost record(s)`,
  );
  if (options.dryRun) {
    for (const record of records) output.out(JSON.stringify(record));
    return 0;
  }

  const batches = Math.ceil(records.length / options.batchSize);
  for (let batch = 0; batch < batches; batch++) {
    const first = batch * options.batchSize;
    const part = records.slice(first, first + options.batchSize);
    let answer;
    try {
      answer = await send(options.url, options.token, part);
    } catch (error) {
      output.err(
        `Cannot reach ${options.url}: ${(error as Error).message}${
          batch > 0 ? `; batches 1 to ${batch} were stored` : ''
        }`,
      );
      return 2;
    }
    const label = `batch ${batch + 1}/${batches} (${part.length} record(s))`;
    if (answer.status === 200) {
      const outcome = answer.body as CostIngestResponse;
      const held = new Set(outcome.unattributed?.entityRefs ?? []);
      part.forEach((record, index) => {
        if (held.has(record.entityRef)) {
          output.out(
            `${file}:${mapped.lines[first + index].join(',')}: ${columnOf(
              'entityRef',
              mapped.columns,
            )}: ${
              record.entityRef
            } is not in the catalog; held unattributed until the line is mapped (--map)`,
          );
        }
      });
      output.err(
        `${label}: ${outcome.accepted} new, ${outcome.updated} updated, ${
          outcome.unchanged
        } unchanged${
          held.size > 0
            ? `; lines of ${held.size} unknown service(s) held unattributed`
            : ''
        }`,
      );
      continue;
    }
    const stored =
      batch > 0 ? `; batches 1 to ${batch} were stored before it` : '';
    if (
      answer.status === 400 &&
      Array.isArray((answer.body as IngestErrorResponse).problems)
    ) {
      for (const problem of (answer.body as IngestErrorResponse).problems) {
        const index = first + problem.index;
        const where =
          problem.index >= 0
            ? `${file}:${mapped.lines[index].join(',')}`
            : file;
        output.out(
          `${where}: ${columnOf(problem.path, mapped.columns)}: ${
            problem.message
          }`,
        );
      }
      output.err(`${label} was refused: ${errorMessage(answer.body)}${stored}`);
      return 1;
    }
    output.err(
      `${label} was refused with ${answer.status}: ${errorMessage(
        answer.body,
      )}${stored}`,
    );
    return 1;
  }
  output.err(`${records.length} cost record(s) stored`);
  return 0;
}

/** The `service-delivery-import-costs` command. */
export async function importCostsMain(
  argv: string[],
  output: ImportOutput = processOutput,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const options: ImportCostsOptions = {
    file: '',
    url: 'http://localhost:7007',
    token: env.SERVICE_DELIVERY_TOKEN,
    source: 'finance-csv',
    columns: {},
    batchSize: maxRecordsPerBatch,
    dryRun: false,
  };
  const files: string[] = [];
  const valued: Record<string, (value: string) => string | undefined> = {
    '--url': v => {
      options.url = v;
      return undefined;
    },
    '--token': v => {
      options.token = v;
      return undefined;
    },
    '--source': v => {
      options.source = v;
      return /^[A-Za-z0-9._-]{1,64}$/.test(v)
        ? undefined
        : "a source is 1 to 64 letters, digits, '.', '_' and '-'";
    },
    '--entity-column': v => {
      options.columns.entity = v;
      return undefined;
    },
    '--category-column': v => {
      options.columns.category = v;
      return undefined;
    },
    '--cost-column': v => {
      options.columns.cost = v;
      return undefined;
    },
    '--currency': v => {
      options.currency = v;
      return /^[A-Z]{3}$/.test(v)
        ? undefined
        : 'a currency is a three-letter code such as EUR';
    },
    '--map': v => {
      const [from, to, ...rest] = v.split('=');
      try {
        if (rest.length > 0 || !from || !to) throw new Error();
        options.map ??= new Map();
        options.map.set(canonicalEntityRef(from), canonicalEntityRef(to));
        return undefined;
      } catch {
        return `'${v}' is not <service>=<entity>, such as paymnts-api=component:default/payments-api`;
      }
    },
    '--batch-size': v => {
      options.batchSize = Number(v);
      return Number.isInteger(options.batchSize) &&
        options.batchSize >= 1 &&
        options.batchSize <= maxRecordsPerBatch
        ? undefined
        : `a batch holds 1 to ${maxRecordsPerBatch} records`;
    },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      output.out(usage);
      return 0;
    }
    if (arg === '--dry-run') {
      options.dryRun = true;
    } else if (arg in valued) {
      const value = argv[++i];
      const problem =
        value === undefined ? 'it needs a value' : valued[arg](value);
      if (problem) {
        output.err(`${arg}: ${problem}\n\n${usage}`);
        return 2;
      }
    } else if (arg.startsWith('-')) {
      output.err(`Unknown option ${arg}\n\n${usage}`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    output.err(usage);
    return 2;
  }
  options.file = files[0];
  return importCosts(options, output);
}
