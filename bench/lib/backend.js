// Starts a real backend of this repository for the benchmark, waits for it, reads its memory and
// stops it (its whole process group). It is started as `yarn workspace backend start` starts it
// (the Backstage CLI's TypeScript loader, NODE_ENV=development, cwd packages/backend) but without
// the CLI's file watcher: the measured process is then the backend itself (its RSS is the
// backend's, not a watcher's), and files other developers edit meanwhile do not restart it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const {
  BackendProcess,
  findFreePort,
  guestToken,
  sleep,
} = require('../../scripts/lib/backendProcess');
const { memoryMap } = require('./memoryMap');
const { fromSources } = require('./packages');

/** VmRSS and VmHWM (peak RSS) of a process, in bytes. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = name => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * CPU seconds used so far by each PostgreSQL server process whose title names one of the backend's
 * databases (`postgres: … <user> <database> <client> <state>`): while a refresh waits for a long
 * query, the backend's own process is idle but the work goes on in these.
 */
function databaseCpuByPid(isOurs) {
  const byPid = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let title;
    try {
      title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (!title.startsWith('postgres:') || !isOurs(title)) continue;
    try {
      byPid.set(entry, cpuSecondsOf(entry));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSecondsOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11] = utime, fields[12] = stime (clock ticks, 100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * BENCH_BACKEND_ENV='NAME=value …': environment variables for both backends alike — a deployment
 * setting measured on ours and the baseline, e.g. an allocator (`LD_PRELOAD=…libjemalloc.so.2`) or
 * glibc's `MALLOC_ARENA_MAX=2`.
 */
function backendEnv() {
  return Object.fromEntries(
    (process.env.BENCH_BACKEND_ENV ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map(pair => [
        pair.slice(0, pair.indexOf('=')),
        pair.slice(pair.indexOf('=') + 1),
      ]),
  );
}

/** A benchmarked backend: the given configs; BENCH_CPU_PROF and BENCH_HEAP_SNAPSHOT profile it. */
class Backend extends BackendProcess {
  /**
   * @param {object} options
   * @param {number} options.port
   * @param {string[]} options.configs  config files, layered in this order
   * @param {string} options.logFile
   * @param {string} [options.entry]   the backend's entry, relative to packages/backend
   */
  constructor({ port, configs, logFile, entry = 'src/index', label }) {
    super({
      port,
      configs,
      logFile,
      entry,
      label,
      stopGraceMs: 15000,
      env: { NODE_ENV: 'development', ...backendEnv() },
      nodeArgs: [
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
        // our packages' built code, as installed from npm (packages.js); BENCH_SOURCE_PACKAGES=1:
        // their TypeScript sources, compiled as they load, as in `yarn start`
        ...(fromSources()
          ? []
          : ['--require', require.resolve('./builtPackages.cjs')]),
        // V8's heap figures and the in-memory databases' pages at the memory reading
        '--require',
        require.resolve('./memoryProbe.cjs'),
        // BENCH_NODE_FLAGS='--flag …': Node/V8 flags for both backends alike (`--trace-gc`, which
        // NODE_OPTIONS does not take, writes every garbage collection to the backend's log)
        ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
      ],
    });
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
   * `times` windows in a row (background work after ingestion, catalog stitching…). With
   * `database` (a test of a PostgreSQL process title), the CPU of the server processes serving its
   * databases counts too. Returns the seconds waited; gives up (quietly) after timeoutMs.
   */
  async waitUntilQuiet({
    windowMs = 2000,
    maxShare = 0.15,
    times = 2,
    timeoutMs = 300000,
    database,
  } = {}) {
    const started = Date.now();
    let quiet = 0;
    let before = cpuSecondsOf(this.pid);
    let databaseBefore = database ? databaseCpuByPid(database) : new Map();
    while (Date.now() - started < timeoutMs) {
      this.assertAlive();
      await sleep(windowMs);
      const now = cpuSecondsOf(this.pid);
      let used = now - before;
      if (database) {
        const databaseNow = databaseCpuByPid(database);
        // a connection opened during the window used all its CPU in it
        for (const [pid, cpu] of databaseNow) {
          used += cpu - (databaseBefore.get(pid) ?? 0);
        }
        databaseBefore = databaseNow;
      }
      const share = used / (windowMs / 1000);
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
    const map = memoryMap(this.pid);
    const probe = await this.probe();
    if (process.env.BENCH_MEMORY_MAP) map.v8 = probe?.v8;
    if (process.env.BENCH_HEAP_SNAPSHOT) await this.heapSnapshot();
    return {
      rss: last[Math.floor(samples / 2)],
      peak: memoryOf(this.pid).peak,
      // what the resident memory is made of (glibc heap and arenas, other anonymous, files)
      map,
      // the pages of its in-memory SQLite databases (page_count × page_size), all of them
      sqliteBytes: probe?.sqliteBytes,
      readings: last,
      series,
      // BENCH_MALLOC_TRIM=1: what glibc gives back when asked, read after the figures above
      ...(process.env.BENCH_MALLOC_TRIM
        ? { afterTrim: this.mallocTrim() }
        : {}),
    };
  }

  /** V8's heap figures and the in-memory databases' pages, written by memoryProbe.cjs on SIGWINCH. */
  async probe() {
    const file = path.join(os.tmpdir(), `bench-v8-${this.pid}.json`);
    fs.rmSync(file, { force: true });
    process.kill(this.pid, 'SIGWINCH');
    for (let waited = 0; waited < 100; waited++) {
      await sleep(100);
      if (fs.existsSync(file)) {
        const figures = JSON.parse(fs.readFileSync(file, 'utf8'));
        fs.rmSync(file, { force: true });
        return figures;
      }
    }
    return undefined;
  }

  /**
   * Asks glibc, through gdb, to give back the free memory it holds (malloc_trim(0)) and reads the
   * resident memory again: what of the reading was memory the allocator kept after the work rather
   * than live objects. glibc's malloc_stats (before and after) go to the backend's log.
   */
  mallocTrim() {
    const gdb = spawnSync(
      'gdb',
      [
        '-p',
        String(this.pid),
        '-batch',
        '-ex',
        'call (void)malloc_stats()',
        '-ex',
        'call (int)malloc_trim(0)',
        '-ex',
        'call (void)malloc_stats()',
      ],
      { encoding: 'utf8', timeout: 120000 },
    );
    if (gdb.status !== 0) {
      return {
        error: `gdb: ${(gdb.stderr || gdb.error?.message || '').trim()}`,
      };
    }
    return { rss: memoryOf(this.pid).rss, map: memoryMap(this.pid) };
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
}

module.exports = { Backend, findFreePort, guestToken, sleep };
