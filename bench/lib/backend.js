// Starts a real backend of this repository for the benchmark, waits for it, reads its memory and
// stops it (its whole process group). It is started as `yarn workspace backend start` starts it
// (the Backstage CLI's TypeScript loader, NODE_ENV=development, cwd packages/backend) but without
// the CLI's file watcher: the measured process is then the backend itself (its RSS is the
// backend's, not a watcher's), and files other developers edit meanwhile do not restart it.
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

/** The first free port from `preferred` on. */
async function findFreePort(preferred, attempts = 50) {
  for (let port = preferred; port < preferred + attempts; port++) {
    if (await portIsFree(port)) {
      return port;
    }
  }
  throw new Error(`no free port in ${preferred}-${preferred + attempts - 1}`);
}

/** The live processes of process group `pgid` (Linux /proc). */
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

/** VmRSS and VmHWM (peak RSS) of a process, in bytes. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = name => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSecondsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11] = utime, fields[12] = stime (clock ticks, 100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
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

class Backend {
  /**
   * @param {object} options
   * @param {number} options.port
   * @param {string[]} options.configs  config files, layered in this order
   * @param {string} options.logFile
   * @param {string} [options.entry]   the backend's entry, relative to packages/backend
   */
  constructor({
    port,
    configs,
    logFile,
    entry = 'src/index',
    label = 'backend',
  }) {
    this.port = port;
    this.baseUrl = `http://localhost:${port}`;
    this.configs = configs;
    this.logFile = logFile;
    this.entry = entry;
    this.label = label;
    this.child = undefined;
    this.exitInfo = undefined;
  }

  start() {
    const loader = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      {
        paths: [root],
      },
    );
    const log = fs.openSync(this.logFile, 'w');
    this.child = spawn(
      process.execPath,
      [
        // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the backend, written when it stops
        ...(process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
          : []),
        // BENCH_HEAP_SNAPSHOT=<dir>: a V8 heap snapshot of each backend when its memory is read
        ...(process.env.BENCH_HEAP_SNAPSHOT
          ? [
              '--heapsnapshot-signal=SIGUSR2',
              '--diagnostic-dir',
              process.env.BENCH_HEAP_SNAPSHOT,
            ]
          : []),
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
          NODE_ENV: 'development',
          ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
          FORCE_COLOR: '0',
        },
      },
    );
    fs.closeSync(log);
    this.startedAt = Date.now();
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

  logTail(lines = 30) {
    try {
      return fs
        .readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }

  assertAlive() {
    if (this.exitInfo) {
      throw new Error(
        `the ${this.label} exited (${JSON.stringify(this.exitInfo)}); log ${
          this.logFile
        }:\n${this.logTail()}`,
      );
    }
  }

  /** Waits until the backend answers a guest sign-in; returns the guest token. */
  async waitUntilUp({ timeoutMs = 300000 } = {}) {
    const started = Date.now();
    let last = 'no answer yet';
    while (Date.now() - started < timeoutMs) {
      this.assertAlive();
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

  /**
   * Waits until the catalog lists `expected` entities from `location` (by-query totalItems).
   * Calls onProgress(count) now and then; returns the seconds since start().
   */
  async waitForCatalog({
    token,
    location,
    expected,
    timeoutMs,
    onProgress = () => {},
  }) {
    const filter = encodeURIComponent(
      `metadata.annotations.backstage.io/managed-by-origin-location=file:${location}`,
    );
    const url = `${this.baseUrl}/api/catalog/entities/by-query?filter=${filter}&limit=1&fields=metadata.name`;
    const started = Date.now();
    let lastReport = 0;
    let count = 0;
    while (Date.now() - started < timeoutMs) {
      this.assertAlive();
      try {
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.ok) {
          count = (await response.json()).totalItems;
        }
      } catch {
        // not yet
      }
      if (count >= expected) {
        onProgress(count, true);
        return (Date.now() - this.startedAt) / 1000;
      }
      if (Date.now() - lastReport > 15000) {
        lastReport = Date.now();
        onProgress(count, false);
      }
      await sleep(1000);
    }
    throw new Error(
      `the ${
        this.label
      }'s catalog listed ${count} of ${expected} entities after ${
        timeoutMs / 1000
      } s; log ${this.logFile}:\n${this.logTail()}`,
    );
  }

  /**
   * Waits until the backend is quiet: less than `maxShare` of one core used over `windowMs`,
   * `times` windows in a row (background work after ingestion, catalog stitching…). Returns the
   * seconds waited; gives up (quietly) after timeoutMs.
   */
  async waitUntilQuiet({
    windowMs = 2000,
    maxShare = 0.15,
    times = 2,
    timeoutMs = 300000,
  } = {}) {
    const started = Date.now();
    let quiet = 0;
    let before = cpuSecondsOf(this.pid);
    while (Date.now() - started < timeoutMs) {
      this.assertAlive();
      await sleep(windowMs);
      const now = cpuSecondsOf(this.pid);
      const share = (now - before) / (windowMs / 1000);
      before = now;
      quiet = share < maxShare ? quiet + 1 : 0;
      if (quiet >= times) {
        return { seconds: (Date.now() - started) / 1000, settled: true };
      }
    }
    return { seconds: (Date.now() - started) / 1000, settled: false };
  }

  memory() {
    return memoryOf(this.pid);
  }

  /**
   * Resident memory once the backend is quiet: after it has been idle for `idleSeconds` (V8 gives
   * memory back some time after the work that needed it, so both backends get the same time), the
   * median of the last `samples` readings a second apart, and the peak so far. `series` is every
   * reading since the backend went quiet.
   */
  async settledMemory({ samples = 5, idleSeconds = 60 } = {}) {
    await this.waitUntilQuiet({ timeoutMs: 60000 });
    const series = [];
    const readings = Math.max(samples, idleSeconds);
    for (let i = 0; i < readings; i++) {
      series.push(memoryOf(this.pid).rss);
      if (i < readings - 1) await sleep(1000);
    }
    const last = series.slice(-samples).sort((a, b) => a - b);
    if (process.env.BENCH_HEAP_SNAPSHOT) await this.heapSnapshot();
    return {
      rss: last[Math.floor(samples / 2)],
      peak: memoryOf(this.pid).peak,
      readings: last,
      series,
    };
  }

  /** Asks the backend for a heap snapshot (BENCH_HEAP_SNAPSHOT) and waits until it is written. */
  async heapSnapshot() {
    const dir = process.env.BENCH_HEAP_SNAPSHOT;
    const mine = () =>
      fs
        .readdirSync(dir)
        .filter(
          f => f.includes(`.${this.pid}.`) && f.endsWith('.heapsnapshot'),
        );
    const before = new Set(mine());
    process.kill(this.pid, 'SIGUSR2');
    let file;
    let size = -1;
    for (let waited = 0; waited < 600; waited++) {
      await sleep(1000);
      file ??= mine().find(f => !before.has(f));
      if (!file) continue;
      const now = fs.statSync(path.join(dir, file)).size;
      // written when it stops growing and the backend answers again
      if (now === size && now > 0) break;
      size = now;
    }
    return file && path.join(dir, file);
  }

  cpuSeconds() {
    return cpuSecondsOf(this.pid);
  }

  /** Stops the backend and everything it started. */
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
    const timeout = sleep(15000).then(() => 'timeout');
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      signal('SIGKILL');
      await Promise.race([this.exited, sleep(5000)]);
    }
    if (groupMembers(this.child.pid).length > 0) {
      signal('SIGKILL');
    }
  }

  /** For exit handlers: no waiting. */
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

module.exports = { Backend, findFreePort, guestToken, sleep };
