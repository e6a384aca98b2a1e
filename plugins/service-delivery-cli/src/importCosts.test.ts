import { once } from 'events';
import { promises as fs } from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { importCostsMain } from './importCosts';

const fixture = path.resolve(__dirname, '__fixtures__/focus-costs.csv');

/*
 * The fixture holds six rows (one over two lines) of two services:
 *   line 2, 3  payments-api   2026-04 Usage     1000.05 + 299.95 = 1300.00 EUR
 *   line 4     payments-api   2026-04 Purchase  500 EUR
 *   line 6     payments-api   2026-05 Usage     1100.50 EUR
 *   line 7, 8  payments-db-eu 2026-04 Usage     0.10 + 0.20 = 0.30 USD
 */
const expectedRecords = [
  {
    id: 'component:default/payments-api#2026-04#purchase',
    entityRef: 'component:default/payments-api',
    source: 'finance-csv',
    periodStart: '2026-04',
    category: 'purchase',
    amount: 500,
    currency: 'EUR',
    origin: { file: 'focus-costs.csv', lines: [4] },
  },
  {
    id: 'component:default/payments-api#2026-04#usage',
    entityRef: 'component:default/payments-api',
    source: 'finance-csv',
    periodStart: '2026-04',
    category: 'usage',
    amount: 1300,
    currency: 'EUR',
    origin: { file: 'focus-costs.csv', lines: [2, 3] },
  },
  {
    id: 'component:default/payments-api#2026-05#usage',
    entityRef: 'component:default/payments-api',
    source: 'finance-csv',
    periodStart: '2026-05',
    category: 'usage',
    amount: 1100.5,
    currency: 'EUR',
    origin: { file: 'focus-costs.csv', lines: [6] },
  },
  {
    id: 'resource:default/payments-db-eu#2026-04#usage',
    entityRef: 'resource:default/payments-db-eu',
    source: 'finance-csv',
    periodStart: '2026-04',
    category: 'usage',
    amount: 0.3,
    currency: 'USD',
    origin: { file: 'focus-costs.csv', lines: [7, 8] },
  },
];

type Received = { path?: string; authorization?: string; body: any };

/** A stand-in for the backend: records each batch and answers what `answer` says. */
async function startServer(
  answer: (batch: any[], index: number) => { status: number; body: unknown },
) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push({
        path: req.url,
        authorization: req.headers.authorization,
        body,
      });
      const { status, body: reply } = answer(body, received.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    output: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    },
  };
}

describe('service-delivery-import-costs', () => {
  const servers: http.Server[] = [];
  afterEach(() => servers.splice(0).forEach(s => s.close()));

  it('adds up the rows per service, month and category and posts them in batches', async () => {
    const backend = await startServer(batch => ({
      status: 200,
      body: { accepted: batch.length, updated: 0, unchanged: 0 },
    }));
    servers.push(backend.server);
    const { out, err, output } = collect();
    const code = await importCostsMain(
      ['--url', `${backend.url}/`, '--batch-size', '3', fixture],
      output,
      { SERVICE_DELIVERY_TOKEN: 'secret' },
    );
    expect(code).toBe(0);
    expect(out).toEqual([]);
    expect(backend.received.map(r => r.path)).toEqual([
      '/api/service-delivery/v1/ingest/costs',
      '/api/service-delivery/v1/ingest/costs',
    ]);
    expect(backend.received[0].authorization).toBe('Bearer secret');
    expect(backend.received.flatMap(r => r.body)).toEqual(expectedRecords);
    expect(err).toEqual([
      `${fixture}: 6 row(s) → 4 cost record(s)`,
      'batch 1/2 (3 record(s)): 3 new, 0 updated, 0 unchanged',
      'batch 2/2 (1 record(s)): 1 new, 0 updated, 0 unchanged',
      '4 cost record(s) stored',
    ]);
  });

  it('prints the lines of a service the catalog does not know, held unattributed, and moves them with --map', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-import-'));
    const typo = path.join(dir, 'finance-2026-10.csv');
    await fs.writeFile(
      typo,
      [
        'ChargePeriodStart,ServiceName,ChargeCategory,EffectiveCost,BillingCurrency',
        '2026-10-01,payments-api,Usage,100,EUR',
        '2026-10-01,paymnts-api,Usage,40,EUR',
        '2026-10-01,paymnts-api,Usage,2.5,EUR',
      ].join('\n'),
    );
    const backend = await startServer(batch => ({
      status: 200,
      body: {
        accepted: batch.length,
        updated: 0,
        unchanged: 0,
        unattributed: {
          accepted: 0,
          updated: 0,
          unchanged: 0,
          entityRefs: batch
            .map((r: { entityRef: string }) => r.entityRef)
            .filter((ref: string) => ref.includes('paymnts')),
        },
      },
    }));
    servers.push(backend.server);
    const first = collect();
    expect(
      await importCostsMain(['--url', backend.url, typo], first.output, {}),
    ).toBe(0);
    expect(backend.received[0].body[1]).toEqual({
      id: 'component:default/paymnts-api#2026-10#usage',
      entityRef: 'component:default/paymnts-api',
      source: 'finance-csv',
      periodStart: '2026-10',
      category: 'usage',
      amount: 42.5,
      currency: 'EUR',
      origin: { file: 'finance-2026-10.csv', lines: [3, 4] },
    });
    expect(first.out).toEqual([
      `${typo}:3,4: ServiceName: component:default/paymnts-api is not in the catalog; held unattributed until the line is mapped (--map)`,
    ]);
    expect(first.err[1]).toBe(
      'batch 1/1 (2 record(s)): 2 new, 0 updated, 0 unchanged; lines of 1 unknown service(s) held unattributed',
    );

    // the same file with --map: the same id, now for the entity it was meant for
    const second = collect();
    expect(
      await importCostsMain(
        [
          '--url',
          backend.url,
          '--map',
          'paymnts-api=component:default/payments-api',
          typo,
        ],
        second.output,
        {},
      ),
    ).toBe(0);
    expect(backend.received[1].body[1]).toMatchObject({
      id: 'component:default/paymnts-api#2026-10#usage',
      entityRef: 'component:default/payments-api',
    });
    expect(second.out).toEqual([]);

    const bad = collect();
    expect(
      await importCostsMain(['--map', 'paymnts-api', typo], bad.output, {}),
    ).toBe(2);
    expect(bad.err[0]).toContain(
      "--map: 'paymnts-api' is not <service>=<entity>",
    );
  });

  it("prints the API's problems with the lines and column of the rows behind each record", async () => {
    const backend = await startServer((_batch, index) =>
      index === 0
        ? { status: 200, body: { accepted: 3, updated: 0, unchanged: 0 } }
        : {
            status: 400,
            body: {
              error:
                'The costs batch was rejected: 1 problem(s); nothing was stored',
              problems: [
                {
                  index: 0,
                  path: 'currency',
                  message:
                    'is USD, but resource:default/payments-db-eu keeps its costs in EUR; send EUR, or configure serviceDelivery.currencyRates.USD (the value of one unit in EUR)',
                },
              ],
            },
          },
    );
    servers.push(backend.server);
    const { out, err, output } = collect();
    const code = await importCostsMain(
      ['--url', backend.url, '--token', 't', '--batch-size', '3', fixture],
      output,
      {},
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      `${fixture}:7,8: BillingCurrency: is USD, but resource:default/payments-db-eu keeps its costs in EUR; send EUR, or configure serviceDelivery.currencyRates.USD (the value of one unit in EUR)`,
    ]);
    expect(err[err.length - 1]).toBe(
      'batch 2/2 (1 record(s)) was refused: The costs batch was rejected: 1 problem(s); nothing was stored; batches 1 to 1 were stored before it',
    );
  });

  it('says why a batch without the write permission was refused', async () => {
    const backend = await startServer(() => ({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Writing service-delivery data needs the service-delivery.data.write permission',
        },
      },
    }));
    servers.push(backend.server);
    const { err, output } = collect();
    expect(
      await importCostsMain(['--url', backend.url, fixture], output, {}),
    ).toBe(1);
    expect(err[err.length - 1]).toBe(
      'batch 1/1 (4 record(s)) was refused with 403: Writing service-delivery data needs the service-delivery.data.write permission',
    );
  });

  it('reports every bad row, by line and column, and sends nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-costs-'));
    const file = path.join(dir, 'bad.csv');
    await fs.writeFile(
      file,
      [
        'ChargePeriodStart,x_EntityRef,ServiceCategory,BilledCost,BillingCurrency',
        '2026-04-01,payments-api,Compute,"1,234.50",EUR',
        'April,payments-api,Compute,10,EUR',
        '2026-04-01,payments-api,Storage,10,eur',
        '2026-04-01,payments-api,Compute,5,USD',
        '2026-04-01,,Compute,5,EUR',
      ].join('\n'),
    );
    const { out, err, output } = collect();
    const code = await importCostsMain(
      ['--category-column', 'ServiceCategory', '--dry-run', file],
      output,
      {},
    );
    expect(code).toBe(1);
    expect(out).toEqual([
      `${file}:2: BilledCost: '1,234.50' is not an amount such as 1234.56`,
      `${file}:3: ChargePeriodStart: 'April' is not a billing period start such as 2026-04-01T00:00:00Z`,
      `${file}:4: BillingCurrency: 'eur' is not a three-letter currency code such as EUR`,
      `${file}:6: x_EntityRef: names no service`,
    ]);
    expect(err).toEqual([`4 problem(s) in ${file}; nothing was sent`]);
  });

  it('names a missing column, and a service whose month and category come in two currencies', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sd-costs-'));
    const noCurrency = path.join(dir, 'no-currency.csv');
    await fs.writeFile(
      noCurrency,
      'ChargePeriodStart,ServiceName,ChargeCategory,BilledCost\n2026-04-01,a,Usage,1\n',
    );
    const first = collect();
    expect(
      await importCostsMain(['--dry-run', noCurrency], first.output, {}),
    ).toBe(1);
    expect(first.out).toEqual([
      `${noCurrency}:1: BillingCurrency: the header names no BillingCurrency column (it has ChargePeriodStart, ServiceName, ChargeCategory, BilledCost)`,
    ]);
    const given = collect();
    expect(
      await importCostsMain(
        ['--dry-run', '--currency', 'EUR', noCurrency],
        given.output,
        {},
      ),
    ).toBe(0);
    expect(JSON.parse(given.out[0])).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/a',
        currency: 'EUR',
        amount: 1,
      }),
    );

    const mixed = path.join(dir, 'mixed.csv');
    await fs.writeFile(
      mixed,
      'ChargePeriodStart,ServiceName,ChargeCategory,BilledCost,BillingCurrency\n2026-04-01,a,Usage,1,EUR\n2026-04-01,a,Usage,1,USD\n',
    );
    const second = collect();
    expect(await importCostsMain(['--dry-run', mixed], second.output, {})).toBe(
      1,
    );
    expect(second.out).toEqual([
      `${mixed}:3: BillingCurrency: is USD, but line 2 has the same service, month and category in EUR; one record has one currency`,
    ]);
  });

  it('answers 2 for a usage error', async () => {
    const { err, output } = collect();
    expect(await importCostsMain([], output, {})).toBe(2);
    expect(
      await importCostsMain(['--batch-size', '0', 'x.csv'], output, {}),
    ).toBe(2);
    expect(err[1]).toMatch(/^--batch-size: a batch holds 1 to 5000 records/);
  });
});
