// Starts the real backend of this repository (packages/backend) serving the built frontend on one
// port, waits until the catalog and the demo data are in, and stops it again (the whole process
// group). The backend is started as `yarn workspace backend start` starts it (the Backstage CLI's
// TypeScript loader, NODE_ENV=development) but without the CLI's file watcher, so that files edited
// while the tests run do not restart it half-way.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const backendDir = path.join(root, 'packages/backend');

function portIsFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

/** The first free port from `preferred` on (a developer's demo usually holds 7007). */
async function findFreePort(preferred, attempts = 50) {
  for (let port = preferred; port < preferred + attempts; port++) {
    if (await portIsFree(port)) {
      return port;
    }
  }
  throw new Error(
    `no free port in ${preferred}-${
      preferred + attempts - 1
    } for the e2e backend`,
  );
}

/** The ids of the live processes in process group `pgid` (Linux /proc). */
function groupMembers(pgid) {
  const members = [];
  let entries = [];
  try {
    entries = fs.readdirSync('/proc').filter(name => /^\d+$/.test(name));
  } catch {
    return members;
  }
  for (const pid of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may contain spaces and parentheses
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') {
        members.push(Number(pid));
      }
    } catch {
      // exited meanwhile
    }
  }
  return members;
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A Backstage token for the guest user, as the frontend's guest sign-in gets it. */
async function guestToken(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) {
    throw new Error(
      `guest sign-in: ${response.status} ${(await response.text()).slice(
        0,
        300,
      )}`,
    );
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

/** A small client for the backend's REST API as the guest user. */
function apiClient(baseUrl, token) {
  async function request(route) {
    // Node's fetch keeps connections alive; one the backend has meanwhile closed fails with
    // ECONNRESET on reuse. These are GETs: try again on a fresh connection.
    let response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await fetch(`${baseUrl}${route}`, {
          headers: { authorization: `Bearer ${token}` },
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
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
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

class Backend {
  constructor({ port, logFile, extraConfigs = [] }) {
    this.port = port;
    this.baseUrl = `http://localhost:${port}`;
    this.logFile = logFile;
    this.extraConfigs = extraConfigs;
    this.child = undefined;
    this.exited = undefined;
  }

  start() {
    const loader = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      {
        paths: [root],
      },
    );
    const configs = [
      '../../app-config.yaml',
      '../../e2e/app-config.e2e.yaml',
      ...this.extraConfigs,
    ].flatMap(file => ['--config', file]);
    const log = fs.openSync(this.logFile, 'w');
    this.child = spawn(
      process.execPath,
      ['--enable-source-maps', '--require', loader, 'src/index', ...configs],
      {
        cwd: backendDir,
        detached: true, // its own process group, so that stop() ends everything it started
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          NODE_ENV: process.env.NODE_ENV || 'development',
          E2E_PORT: String(this.port),
          ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
          FORCE_COLOR: '0',
        },
      },
    );
    fs.closeSync(log);
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.exitInfo = undefined;
    this.exited.then(info => {
      this.exitInfo = info;
    });
  }

  log() {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  logTail(lines = 30) {
    return this.log().split('\n').slice(-lines).join('\n');
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
      if (this.exitInfo) {
        throw new Error(
          `the backend exited (${JSON.stringify(
            this.exitInfo,
          )}) before it was ready; log ${this.logFile}:\n${this.logTail()}`,
        );
      }
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

  /** Stops the backend and everything it started; resolves once its process has exited. */
  async stop() {
    if (!this.child || this.exitInfo) {
      return;
    }
    const group = -this.child.pid;
    const signal = sig => {
      try {
        process.kill(group, sig);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timeout = sleep(10000).then(() => 'timeout');
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      signal('SIGKILL');
      await Promise.race([this.exited, sleep(5000)]);
    }
    if (groupMembers(this.child.pid).length > 0) {
      signal('SIGKILL'); // anything of the group that outlived its leader
    }
  }

  /** For process exit handlers: no waiting. */
  killNow() {
    if (this.child && !this.exitInfo) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

module.exports = {
  Backend,
  apiClient,
  findFreePort,
  guestToken,
  recentMonths,
};
