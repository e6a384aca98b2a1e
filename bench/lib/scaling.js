// `yarn bench --scaling 1000,2500,5000,10000`: one full recomputation of the overview per size and
// database, each in a fresh process (bench/lib/refreshOnce.js), and how time and memory grow per
// doubling of the organisation.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

function runOnce({ services, db, months }) {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      path.join(__dirname, 'refreshOnce.js'),
      String(services),
      db,
      String(months),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  if (child.status !== 0) {
    throw new Error(
      `refreshOnce ${services} ${db} failed:\n${child.stderr.slice(-4000)}`,
    );
  }
  const line = child.stdout.trim().split('\n').pop();
  return JSON.parse(line);
}

/** Growth per doubling between two sizes: (b / a) ^ (1 / log2(nb / na)). */
function perDoubling(a, b, na, nb) {
  if (!(a > 0) || !(b > 0)) return null;
  return (b / a) ** (1 / Math.log2(nb / na));
}

function table(rows) {
  const header =
    "| services | database | entities | records | full recomputation | CPU | × per doubling | after one platform's ingest | scheduled refresh right after | RSS | of which SQLite pages | RSS less pages | × per doubling |";
  const rule = `|${' --- |'.repeat(13)}`;
  const lines = [header, rule];
  rows.forEach((row, i) => {
    const previous = rows
      .slice(0, i)
      .reverse()
      .find(r => r.db === row.db);
    const own = r => r.rssMB - r.databaseMB;
    const growth = (f, digits = 2) =>
      previous
        ? `${
            perDoubling(
              f(previous),
              f(row),
              previous.services,
              row.services,
            )?.toFixed(digits) ?? 'n/a'
          }×`
        : '—';
    lines.push(
      `| ${row.services.toLocaleString('en')} | ${
        row.db
      } | ${row.entities.toLocaleString('en')} | ${row.records.toLocaleString(
        'en',
      )} | ${row.seconds.toFixed(1)} s | ${row.cpuSeconds.toFixed(
        1,
      )} s | ${growth(r => r.seconds)} | ${row.incrementalSeconds.toFixed(
        1,
      )} s | ${
        row.scheduledSeconds === undefined
          ? '—'
          : `${row.scheduledSeconds.toFixed(1)} s (${row.scheduledRows} rows)`
      } | ${row.rssMB.toFixed(0)} MB | ${
        row.db === 'postgres' ? '—' : `${row.databaseMB.toFixed(0)} MB`
      } | ${own(row).toFixed(0)} MB | ${growth(own)} |`,
    );
  });
  return lines.join('\n');
}

async function scaling({ sizes, dbs, months, log, resultsDir }) {
  const rows = [];
  for (const db of dbs) {
    for (const services of sizes) {
      log(`  ${services} services on ${db}…`);
      const row = runOnce({ services, db, months });
      log(
        `    full recomputation ${row.seconds.toFixed(
          1,
        )} s (${row.cpuSeconds.toFixed(1)} CPU s), RSS ${row.rssMB.toFixed(
          0,
        )} MB`,
      );
      rows.push(row);
    }
  }
  const markdown = table(rows);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(
    path.join(resultsDir, 'scaling.json'),
    JSON.stringify(rows, null, 2),
  );
  fs.writeFileSync(path.join(resultsDir, 'scaling.md'), `${markdown}\n`);
  return markdown;
}

module.exports = { scaling, perDoubling };
