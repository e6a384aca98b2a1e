import { once } from 'events';
import http from 'http';
import { AddressInfo } from 'net';
import { gateMain } from './gate';

type Asked = { url?: string; authorization?: string };

/** A stand-in for the backend's gate route: records each request and answers `reply`. */
async function startServer(reply: { status: number; body: unknown }) {
  const asked: Asked[] = [];
  const server = http.createServer((req, res) => {
    asked.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(
      typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, server };
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

const frozen =
  'retail-sla/availability has 12% of its error budget left, below the 25% of its policy: features are frozen';

describe('service-delivery-gate', () => {
  const servers: http.Server[] = [];
  afterEach(() => servers.splice(0).forEach(s => s.close()));

  it('exits 1 and prints the reasons when the change is denied', async () => {
    const backend = await startServer({
      status: 200,
      body: {
        entityRef: 'component:default/payments-api',
        change: 'feature',
        allow: false,
        reasons: [frozen],
        steps: [],
        evaluatedAt: '2026-11-23T12:00:00.000Z',
      },
    });
    servers.push(backend.server);
    const { out, err, output } = collect();
    const code = await gateMain(
      ['--url', `${backend.url}/`, '--change', 'feature', 'payments-api'],
      output,
      { SERVICE_DELIVERY_TOKEN: 'secret' },
    );
    expect(code).toBe(1);
    expect(backend.asked).toEqual([
      {
        url: '/api/service-delivery/v1/entities/component/default/payments-api/gate?change=feature',
        authorization: 'Bearer secret',
      },
    ]);
    expect(out).toEqual([
      'feature of component:default/payments-api: denied',
      `- ${frozen}`,
    ]);
    expect(err).toEqual([]);
  });

  it('exits 0 when the change is allowed, with the token given on the command line', async () => {
    const backend = await startServer({
      status: 200,
      body: {
        entityRef: 'resource:ops/ledger-db',
        change: 'fix',
        allow: true,
        reasons: [`${frozen} (fixes are exempt)`],
        steps: [],
        evaluatedAt: '2026-11-23T12:00:00.000Z',
      },
    });
    servers.push(backend.server);
    const { out, output } = collect();
    const code = await gateMain(
      [
        '--change',
        'fix',
        '--token',
        'other',
        '--url',
        backend.url,
        'resource:ops/ledger-db',
      ],
      output,
      { SERVICE_DELIVERY_TOKEN: 'secret' },
    );
    expect(code).toBe(0);
    expect(backend.asked[0]).toEqual({
      url: '/api/service-delivery/v1/entities/resource/ops/ledger-db/gate?change=fix',
      authorization: 'Bearer other',
    });
    expect(out).toEqual([
      'fix of resource:ops/ledger-db: allowed',
      `- ${frozen} (fixes are exempt)`,
    ]);
  });

  it('exits 2 with the error when the backend answers no decision', async () => {
    const backend = await startServer({
      status: 404,
      body: { error: { name: 'NotFoundError', message: 'No entity here' } },
    });
    servers.push(backend.server);
    const { out, err, output } = collect();
    const code = await gateMain(
      ['--url', backend.url, '--change', 'fix', 'component:default/gone'],
      output,
      {},
    );
    expect(code).toBe(2);
    expect(backend.asked[0].authorization).toBeUndefined();
    expect(out).toEqual([]);
    expect(err).toEqual([
      'The gate did not answer for component:default/gone (HTTP 404): No entity here',
    ]);
  });

  it('exits 2 when the backend cannot be reached', async () => {
    const backend = await startServer({ status: 200, body: {} });
    const url = backend.url;
    backend.server.close();
    await once(backend.server, 'close');
    const { err, output } = collect();
    const code = await gateMain(
      ['--url', url, '--change', 'fix', 'payments-api'],
      output,
      {},
    );
    expect(code).toBe(2);
    expect(err[0]).toMatch(new RegExp(`^Could not reach ${url}: `));
  });

  it.each([
    [['payments-api'], '--change: say feature or fix'],
    [
      ['--change', 'hotfix', 'payments-api'],
      "--change: 'hotfix' is not a change kind; say feature or fix",
    ],
    [['--change', 'fix'], 'Usage: service-delivery-gate'],
    [['--change', 'fix', 'a', 'b'], 'Usage: service-delivery-gate'],
    [['--change', 'fix', '--verbose', 'a'], 'Unknown option --verbose'],
    [['--change', 'fix', '--url'], '--url: it needs a value'],
  ])('exits 2 on a usage error: %p', async (argv, message) => {
    const { out, err, output } = collect();
    expect(await gateMain(argv, output, {})).toBe(2);
    expect(out).toEqual([]);
    expect(err[0].startsWith(message)).toBe(true);
  });
});
