// Starts the real backend of this repository (packages/backend) serving the built frontend on one
// port, waits until the catalog and the demo data are in, and stops it again (the whole process
// group). The backend is started as `yarn workspace backend start` starts it (the Backstage CLI's
// TypeScript loader, NODE_ENV=development) but without the CLI's file watcher, so that files edited
// while the tests run do not restart it half-way.
const {
  BackendProcess,
  findFreePort,
  guestToken,
  sleep,
} = require('../../scripts/lib/backendProcess');

/** A small client for the backend's REST API as the guest user. */
function apiClient(baseUrl, token) {
  async function request(route, { method = 'GET', body } = {}) {
    // Node's fetch keeps connections alive; one the backend has meanwhile closed fails with
    // ECONNRESET on reuse. Try again on a fresh connection (the cases' writes are upserts and
    // removals by key, so a repeated one does no harm).
    let response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await fetch(`${baseUrl}${route}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        break;
      } catch (error) {
        if (attempt >= 3) {
          throw error;
        }
        await sleep(200);
      }
    }
    const text = await response.text();
    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = text;
    }
    return { status: response.status, body: answer };
  }
  return {
    request,
    /** GET a route and return its JSON; throws on any status but 200. */
    async get(route) {
      const { status, body } = await request(route);
      if (status !== 200) {
        throw new Error(
          `GET ${route} answered ${status}: ${JSON.stringify(body).slice(
            0,
            300,
          )}`,
        );
      }
      return body;
    },
  };
}

function monthLabel(date) {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(
    2,
    '0',
  )}`;
}

/** This month and the `count - 1` before it, newest first, as `YYYY-MM`. */
function recentMonths(count, now = new Date()) {
  const months = [];
  for (let i = 0; i < count; i++) {
    months.push(
      monthLabel(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)),
      ),
    );
  }
  return months;
}

/** The e2e backend: app-config.yaml and app-config.e2e.yaml (and `extraConfigs`) on `port`. */
class Backend extends BackendProcess {
  constructor({ port, logFile, extraConfigs = [] }) {
    super({
      port,
      logFile,
      configs: [
        '../../app-config.yaml',
        '../../e2e/app-config.e2e.yaml',
        ...extraConfigs,
      ],
      env: { E2E_PORT: String(port) },
      stopGraceMs: 10000,
    });
  }

  /**
   * Waits until the backend answers, the catalog lists the example components and the demo data
   * is loaded: payments-api's SLA has SLI figures for every objective and incidents in one of the
   * last three months. Returns { token, api, seconds }.
   */
  async waitUntilReady({
    timeoutMs = 180000,
    onProgress = () => {},
    // the components the guest must see in the catalog (fewer under a policy that hides some)
    listed = ['payments-api', 'web-banking'],
  } = {}) {
    const started = Date.now();
    let lastProblem = 'no answer yet';
    const reported = new Set();
    const setPhase = next => {
      if (!reported.has(next)) {
        reported.add(next);
        onProgress(next);
      }
    };
    while (Date.now() - started < timeoutMs) {
      this.assertAlive('before it was ready');
      const refused = /Demo \S+ were refused[^\n]*/.exec(this.log());
      if (refused) {
        throw new Error(`the demo data was refused: ${refused[0]}`);
      }
      try {
        setPhase('waiting for the backend to answer');
        const token = await guestToken(this.baseUrl);
        const api = apiClient(this.baseUrl, token);

        setPhase('waiting for the catalog to list the examples');
        const components = await api.get(
          '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name&limit=500',
        );
        const names = components.items.map(item => item.metadata.name);
        for (const name of listed) {
          if (!names.includes(name)) {
            throw new Error(`the catalog does not list ${name} yet`);
          }
        }

        setPhase('waiting for the demo data');
        const sla = await api.get(
          '/api/service-delivery/v1/entities/component/default/payments-api/sla',
        );
        const objectives = sla.agreements.flatMap(a => a.objectives);
        if (
          objectives.length === 0 ||
          objectives.some(o => o.kind !== 'availability' && o.actual === null)
        ) {
          throw new Error('payments-api has no SLI figures yet');
        }
        let incidents = sla.incidents.length;
        for (const month of recentMonths(3).slice(1)) {
          if (incidents > 0) break;
          const past = await api.get(
            `/api/service-delivery/v1/entities/component/default/payments-api/sla?period=${month}`,
          );
          incidents += past.incidents.length;
        }
        if (incidents === 0) {
          throw new Error(
            'payments-api has no incidents in the last three months yet',
          );
        }
        // The demo loads incidents, SLI, costs, capacity and DR tests in that order: give the last
        // kind a moment to land too (its log line is the sign), without depending on it.
        const graceUntil = Date.now() + 20000;
        while (
          !/Loaded \d+ demo dr-tests records/.test(this.log()) &&
          Date.now() < graceUntil
        ) {
          await sleep(500);
        }
        setPhase('ready');
        return { token, api, seconds: (Date.now() - started) / 1000 };
      } catch (error) {
        lastProblem = error.message;
        await sleep(1000);
      }
    }
    throw new Error(
      `the backend was not ready after ${
        timeoutMs / 1000
      } s (${lastProblem}); log ${this.logFile}:\n${this.logTail()}`,
    );
  }
}

module.exports = {
  Backend,
  apiClient,
  findFreePort,
  guestToken,
  recentMonths,
};
