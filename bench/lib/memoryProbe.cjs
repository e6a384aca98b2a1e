// Preloaded into both benchmarked backends (`node --require`): on SIGWINCH, writes to
// <tmpdir>/bench-v8-<pid>.json V8's heap figures (process.memoryUsage and each heap space's
// committed and used bytes) and the pages of the process's in-memory SQLite databases
// (page_count × page_size of each better-sqlite3 database it opened with ':memory:') — what of the
// resident memory is V8's, and what is the databases' own data, for the memory reading.
const fs = require('fs');
const Module = require('module');
const os = require('os');
const path = require('path');
const v8 = require('v8');

const MiB = 2 ** 20;
const mb = bytes => Math.round(bytes / MiB);

// every better-sqlite3 database the backend uses, noted on its first statement (the module is
// patched when the backend first loads it: a backend on PostgreSQL does not load it)
const databases = [];
const noted = new WeakSet();
const patched = new WeakSet();
function noteDatabases(Database) {
  if (typeof Database !== 'function' || patched.has(Database)) return;
  patched.add(Database);
  for (const method of ['prepare', 'exec', 'pragma']) {
    const original = Database.prototype[method];
    Database.prototype[method] = function noteDatabase(...args) {
      if (!noted.has(this)) {
        noted.add(this);
        databases.push(new WeakRef(this));
      }
      return original.apply(this, args);
    };
  }
}
const load = Module._load;
Module._load = function loadNoting(request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  if (request === 'better-sqlite3') noteDatabases(loaded);
  return loaded;
};

function inMemoryDatabasesBytes() {
  let bytes = 0;
  for (const ref of databases) {
    const db = ref.deref();
    if (!db || !db.open || !db.memory) continue;
    bytes +=
      db.pragma('page_count', { simple: true }) *
      db.pragma('page_size', { simple: true });
  }
  return bytes;
}

process.on('SIGWINCH', () => {
  const usage = process.memoryUsage();
  const spaces = {};
  for (const space of v8.getHeapSpaceStatistics()) {
    spaces[space.space_name] = {
      committedMB: mb(space.physical_space_size),
      usedMB: mb(space.space_used_size),
    };
  }
  const file = path.join(os.tmpdir(), `bench-v8-${process.pid}.json`);
  fs.writeFileSync(
    `${file}.part`,
    JSON.stringify({
      sqliteBytes: inMemoryDatabasesBytes(),
      v8: {
        heapTotalMB: mb(usage.heapTotal),
        heapUsedMB: mb(usage.heapUsed),
        externalMB: mb(usage.external),
        arrayBuffersMB: mb(usage.arrayBuffers),
        mallocedMB: mb(v8.getHeapStatistics().malloced_memory),
        spaces,
      },
    }),
  );
  fs.renameSync(`${file}.part`, file);
});
