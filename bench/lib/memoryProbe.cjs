// Preloaded into both benchmarked backends with BENCH_MEMORY_MAP (`node --require`): on SIGWINCH,
// writes V8's heap figures (process.memoryUsage and each heap space's committed and used bytes) to
// <tmpdir>/bench-v8-<pid>.json, for the memory reading to tell V8's part of the resident memory
// from what the allocator holds (memoryMap.js).
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');

const MiB = 2 ** 20;
const mb = bytes => Math.round(bytes / MiB);

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
      heapTotalMB: mb(usage.heapTotal),
      heapUsedMB: mb(usage.heapUsed),
      externalMB: mb(usage.external),
      arrayBuffersMB: mb(usage.arrayBuffers),
      mallocedMB: mb(v8.getHeapStatistics().malloced_memory),
      spaces,
    }),
  );
  fs.renameSync(`${file}.part`, file);
});
