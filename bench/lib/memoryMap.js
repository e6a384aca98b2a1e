// What a process's resident memory is made of, from /proc/<pid>/smaps: the brk heap (glibc's main
// malloc arena: what the main thread mallocs — SQLite's pages and caches, better-sqlite3, Node's
// own buffers), other glibc arenas (64 MiB-aligned anonymous mappings that threads malloc in),
// V8's heap (anonymous mappings inside its pointer-compression cage), other anonymous mappings
// (large mallocs served by mmap, code space, thread stacks) and mapped files (code of node and
// native modules). Used by BENCH_MEMORY_MAP to tell allocator retention from live objects.
const fs = require('fs');

const MiB = 2 ** 20;

function readSmaps(pid = process.pid) {
  const text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const mappings = [];
  let current;
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(
      line,
    );
    if (header) {
      current = {
        start: parseInt(header[1], 16),
        end: parseInt(header[2], 16),
        name: header[3],
        rss: 0,
        lazyFree: 0,
      };
      mappings.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rss = Number(rss[1]) * 1024;
    const lazyFree = /^LazyFree:\s+(\d+) kB/.exec(line);
    if (lazyFree && current) current.lazyFree = Number(lazyFree[1]) * 1024;
  }
  return mappings;
}

/**
 * Resident MiB by kind: [heap] (brk), glibc thread arenas (anonymous, starting on a 64 MiB boundary,
 * at most 64 MiB), other anonymous memory (V8's heap pages among it: compare with heapTotal),
 * mapped files, the main stack.
 */
function memoryMap(pid = process.pid) {
  const mappings = readSmaps(pid);
  const sum = {
    heap: 0,
    arenas: 0,
    anonymous: 0,
    files: 0,
    stack: 0,
    other: 0,
    // freed with MADV_FREE (V8 discards its unused pages so): counted in the RSS until the kernel
    // needs the memory and takes it back
    lazyFree: 0,
  };
  let arenaCount = 0;
  for (const m of mappings) {
    const size = m.end - m.start;
    sum.lazyFree += m.lazyFree;
    if (m.name === '[heap]') sum.heap += m.rss;
    else if (m.name === '[stack]') sum.stack += m.rss;
    else if (m.name.startsWith('/')) sum.files += m.rss;
    else if (m.name === '' || m.name.startsWith('[anon')) {
      // a glibc thread arena: its mapping starts on a 64 MiB boundary and spans at most 64 MiB
      if (m.start % (64 * MiB) === 0 && size <= 64 * MiB && m.rss > 0) {
        sum.arenas += m.rss;
        arenaCount++;
      } else sum.anonymous += m.rss;
    } else sum.other += m.rss;
  }
  const out = Object.fromEntries(
    Object.entries(sum).map(([k, v]) => [`${k}MB`, Math.round(v / MiB)]),
  );
  out.arenaCount = arenaCount;
  out.largestAnonymousMB = mappings
    .filter(m => m.name === '' || m.name.startsWith('[anon'))
    .map(m => Math.round(m.rss / MiB))
    .sort((a, b) => b - a)
    .slice(0, 8);
  if (process.env.BENCH_MEMORY_MAP === 'all') {
    // resident anonymous MiB by mapping size (rounded up to a power of two KiB)
    const bySize = {};
    for (const m of mappings) {
      if (!(m.name === '' || m.name.startsWith('[anon'))) continue;
      const kb = 2 ** Math.ceil(Math.log2((m.end - m.start) / 1024));
      bySize[kb] = (bySize[kb] ?? 0) + m.rss / MiB;
    }
    out.anonymousBySizeKiB = Object.fromEntries(
      Object.entries(bySize).map(([k, v]) => [k, Math.round(v)]),
    );
  }
  return out;
}

module.exports = { memoryMap, readSmaps };
