// The backend of this repository (packages/backend) as a child process, for the e2e tests and the
// benchmark: a free port, the start (as `yarn workspace backend start` starts it — the Backstage
// CLI's TypeScript loader, cwd packages/backend — but without the CLI's file watcher, so files
// edited meanwhile do not restart it, and the process measured is the backend itself), the guest
// token, its log, and the stop of its whole process group.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..', '..');
const backendDir = path.join(root, 'packages/backend');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

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
    `no free port in ${preferred}-${preferred + attempts - 1} for the backend`,
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
  return (await response.json()).backstageIdentity.token;
}

class BackendProcess {
  /**
   * @param {object} options
   * @param {number} options.port
   * @param {string[]} options.configs   config files, relative to packages/backend, layered in order
   * @param {string} options.logFile
   * @param {string} [options.entry]     the backend's entry, relative to packages/backend
   * @param {string} [options.label]     how messages name it
   * @param {string[]} [options.nodeArgs] more options for node (profiling)
   * @param {object} [options.env]       more environment variables
   * @param {number} [options.stopGraceMs] how long stop() waits after SIGTERM before SIGKILL
   */
  constructor({
    port,
    configs,
    logFile,
    entry = 'src/index',
    label = 'backend',
    nodeArgs = [],
    env = {},
    stopGraceMs = 10000,
  }) {
    this.port = port;
    this.baseUrl = `http://localhost:${port}`;
    this.configs = configs;
    this.logFile = logFile;
    this.entry = entry;
    this.label = label;
    this.nodeArgs = nodeArgs;
    this.env = env;
    this.stopGraceMs = stopGraceMs;
    this.child = undefined;
    this.exited = undefined;
    this.exitInfo = undefined;
  }

  start() {
    const loader = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      { paths: [root] },
    );
    const log = fs.openSync(this.logFile, 'w');
    this.child = spawn(
      process.execPath,
      [
        ...this.nodeArgs,
        '--enable-source-maps',
        '--require',
        loader,
        this.entry,
        ...this.configs.flatMap(file => ['--config', file]),
      ],
      {
        cwd: backendDir,
        detached: true, // its own process group, so that stop() ends everything it started
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          NODE_ENV: process.env.NODE_ENV || 'development',
          ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
          FORCE_COLOR: '0',
          ...this.env,
        },
      },
    );
    fs.closeSync(log);
    this.startedAt = Date.now();
    this.exitInfo = undefined;
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    this.exited.then(info => {
      this.exitInfo = info;
    });
  }

  get pid() {
    return this.child?.pid;
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

  /** Why the backend is gone, with its log's tail: for failures. */
  exitMessage(when = '') {
    return `the ${this.label} exited (${JSON.stringify(this.exitInfo)})${
      when ? ` ${when}` : ''
    }; log ${this.logFile}:\n${this.logTail()}`;
  }

  /** Throws when the backend has exited. */
  assertAlive(when) {
    if (this.exitInfo) {
      throw new Error(this.exitMessage(when));
    }
  }

  /**
   * A promise that rejects once the backend exits (never when it is stopped by stop()): race it
   * with work that needs the backend, so that the work fails at once, naming the exit, rather than
   * timing out.
   */
  whileRunning() {
    const running = new Promise((_, reject) => {
      this.exited?.then(() => {
        if (!this.stopping) reject(new Error(this.exitMessage('while in use')));
      });
    });
    running.catch(() => {}); // handled by whoever races it, if anyone does
    return running;
  }

  /** Waits until the backend answers a guest sign-in; returns the guest token. */
  async waitUntilUp({ timeoutMs = 300000 } = {}) {
    const started = Date.now();
    let last = 'no answer yet';
    while (Date.now() - started < timeoutMs) {
      this.assertAlive('before it answered');
      try {
        return await guestToken(this.baseUrl);
      } catch (error) {
        last = error.message;
        await sleep(500);
      }
    }
    throw new Error(
      `the ${this.label} did not answer within ${
        timeoutMs / 1000
      } s (${last}); log ${this.logFile}:\n${this.logTail()}`,
    );
  }

  /** Stops the backend and everything it started; resolves once its process has exited. */
  async stop() {
    if (!this.child || this.exitInfo) {
      return;
    }
    this.stopping = true;
    const group = -this.child.pid;
    const signal = sig => {
      try {
        process.kill(group, sig);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timeout = sleep(this.stopGraceMs).then(() => 'timeout');
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
      this.stopping = true;
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

module.exports = {
  BackendProcess,
  findFreePort,
  groupMembers,
  guestToken,
  root,
  sleep,
};
