import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusClient, PrometheusError } from './PrometheusClient';

type Answer = { status: number; body: string };

/** A stand-in for Prometheus that answers what the test sets and records what it was asked. */
async function stubServer() {
  const requests: Array<{
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];
  let answer: Answer = { status: 200, body: '{}' };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ url: req.url!, headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/prom`,
    requests,
    answer(next: Answer) {
      answer = next;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { code: '200' },
        values: [
          [1700000010, '12'],
          [1700000020, 'NaN'],
          [1700000030, '7.5'],
        ],
      },
    ],
  },
};

describe('PrometheusClient', () => {
  let stub: Awaited<ReturnType<typeof stubServer>>;
  let client: PrometheusClient;

  beforeAll(async () => {
    stub = await stubServer();
    client = new PrometheusClient({
      baseUrl: stub.baseUrl,
      headers: { Authorization: 'Bearer s3cret', 'X-Scope-OrgID': 'payments' },
      timeoutMs: 2000,
      maxResponseBytes: 4096,
    });
  });

  afterAll(() => stub.close());

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: PrometheusError) => [error.failure, error.message],
    );
  const range = { start: 1700000010, end: 1700000030, step: 10 };

  it('posts the query with the configured headers and reads the series', async () => {
    stub.answer({ status: 200, body: JSON.stringify(matrix) });
    const series = await client.queryRange('sum(x[10s])', range);

    expect(series).toEqual([
      {
        labels: { code: '200' },
        values: new Map([
          [1700000010000, 12],
          [1700000030000, 7.5],
        ]),
      },
    ]);
    const request = stub.requests[stub.requests.length - 1];
    expect(request.url).toBe('/prom/api/v1/query_range');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(request.headers['x-scope-orgid']).toBe('payments');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      query: 'sum(x[10s])',
      start: '1700000010',
      end: '1700000030',
      step: '10',
    });
  });

  it('tells a rejected query from a server in trouble and a refusal', async () => {
    stub.answer({
      status: 400,
      body: '{"status":"error","errorType":"bad_data","error":"1:7: parse error: unclosed left parenthesis"}',
    });
    expect(await failureOf(client.queryRange('sum(x', range))).toEqual([
      'query',
      '1:7: parse error: unclosed left parenthesis',
    ]);

    stub.answer({
      status: 503,
      body: '{"status":"error","errorType":"timeout","error":"query timed out"}',
    });
    expect(await failureOf(client.queryRange('x', range))).toEqual([
      'unreachable',
      `${stub.baseUrl}/api/v1/query_range answered 503 Service Unavailable: query timed out`,
    ]);

    stub.answer({ status: 401, body: 'no' });
    expect(await failureOf(client.queryRange('x', range))).toEqual([
      'refused',
      `${stub.baseUrl}/api/v1/query_range answered 401 Unauthorized`,
    ]);

    stub.answer({ status: 200, body: '<html>login</html>' });
    expect(await failureOf(client.queryRange('x', range))).toEqual([
      'refused',
      `${stub.baseUrl}/api/v1/query_range answered something other than a Prometheus range-query result`,
    ]);
  });

  it('calls a server that does not answer unreachable', async () => {
    const gone = await stubServer();
    await gone.close();
    const closed = new PrometheusClient({
      baseUrl: gone.baseUrl,
      headers: {},
      timeoutMs: 2000,
      maxResponseBytes: 4096,
    });
    expect(await failureOf(closed.queryRange('x', range))).toEqual([
      'unreachable',
      `${gone.baseUrl}/api/v1/query_range: ECONNREFUSED`,
    ]);
  });

  it('reads an answer only up to the size limit, whether or not it says its length', async () => {
    const tooLarge = [
      'tooLarge',
      `${stub.baseUrl}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
    ];
    stub.answer({
      status: 200,
      body: JSON.stringify({ ...matrix, padding: 'x'.repeat(5000) }),
    });
    expect(await failureOf(client.queryRange('x', range))).toEqual(tooLarge);

    // an answer that never ends, without a length: abandoned once past the limit
    let written = 0;
    const endless = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const write = () => {
        while (res.write('[1700000010, "1"],'.repeat(100))) {
          written += 1;
          if (written > 100_000) return;
        }
        res.once('drain', write);
      };
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      write();
      res.on('close', () => res.destroy());
    });
    await new Promise<void>(resolve => endless.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${
      (endless.address() as AddressInfo).port
    }`;
    const limited = new PrometheusClient({
      baseUrl,
      headers: {},
      timeoutMs: 10_000,
      maxResponseBytes: 4096,
    });
    expect(await failureOf(limited.queryRange('x', range))).toEqual([
      'tooLarge',
      `${baseUrl}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
    ]);
    endless.closeAllConnections();
    await new Promise(resolve => endless.close(resolve));
    // the client stopped reading long before the server ran out of things to write
    expect(written).toBeLessThan(100_000);
  });
});
