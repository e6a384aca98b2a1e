// The results of a run: the table's measures, the details under it, and the --ingestion-only line.
const { KINDS } = require('./data');
const { ENTITY_TABS } = require('./pages');
const report = require('./report');
const { median } = require('./stats');

function measuresOf(results, dbs) {
  const measures = [];
  const cellsFor = fn =>
    Object.fromEntries(
      dbs.filter(db => results[db]).map(db => [db, fn(results[db])]),
    );

  measures.push({
    name: 'Catalog ingestion, start → all entities listed (both backends started together)',
    format: report.fmtS,
    byDb: cellsFor(r => ({
      ours: r.catalogSeconds,
      theirs: r.baselineCatalogSeconds,
    })),
  });
  const first = Object.values(results)[0];
  for (const pair of first.httpPairs) {
    measures.push({
      name: pair.name,
      goal: pair.goal,
      format: report.fmtMs,
      byDb: cellsFor(r => {
        const entry = r.http[pair.id];
        const theirs = median(entry.theirs);
        if (entry.status.ours === 404)
          return { na: 'n/a (not built yet)', theirs };
        if (entry.status.ours !== 200)
          return { na: `error ${entry.status.ours}`, theirs };
        return { ours: median(entry.ours), theirs };
      }),
    });
  }
  measures.push({
    name: 'Ingestion throughput (API vs raw knex insert)',
    goal: { kind: 'min', value: 0.5, text: '≥ 50 %' },
    format: report.fmtRate,
    byDb: cellsFor(r => ({ ours: r.apiRate, theirs: r.rawRate })),
  });
  measures.push({
    name: 'Page TTI: /service-delivery vs /catalog',
    goal: { kind: 'max', value: 1.0, text: '≤ 1.0×' },
    format: report.fmtMs,
    byDb: cellsFor(r => {
      const theirs = median(r.pages.catalog);
      if (r.pages.overviewMissing || r.pages.overview.length === 0) {
        return {
          na: r.pages.errors.overview ? 'n/a (error)' : 'n/a (not built yet)',
          theirs,
        };
      }
      return { ours: median(r.pages.overview), theirs };
    }),
  });
  const tabPairs = [
    ...ENTITY_TABS.map(tab => [tab, 'entityOverview', `/${tab}`, 'Overview']),
    [
      'portfolio',
      'groupOverview',
      "the group's portfolio",
      "the group's Overview",
    ],
  ];
  for (const [ours, theirs, label, against] of tabPairs) {
    measures.push({
      name: `Tab content shown: ${label} vs ${against} tab`,
      goal: { kind: 'max', value: 1.0, text: '≤ 1.0×' },
      format: report.fmtMs,
      byDb: cellsFor(r => {
        const tabs = r.pages.tabs;
        if (!tabs || tabs[ours].length === 0 || tabs[theirs].length === 0) {
          return {
            na: `n/a (${
              tabs?.errors[ours] ?? tabs?.errors[theirs] ?? 'not measured'
            })`,
            theirs: tabs ? median(tabs[theirs]) : undefined,
          };
        }
        return { ours: median(tabs[ours]), theirs: median(tabs[theirs]) };
      }),
    });
  }
  measures.push({
    name: 'Backend RSS after load (vs without our plugins)',
    goal: { kind: 'max', value: 1.3, text: '≤ 1.3×' },
    format: report.fmtMb,
    byDb: cellsFor(r => ({ ours: r.memory.rss, theirs: r.baselineMemory.rss })),
  });
  if (dbs.includes('sqlite')) {
    // memory rows of SQLite in memory only: PostgreSQL keeps its pages in its own processes
    const onSqlite = cells => r =>
      r.sqliteBytes === undefined
        ? { na: 'n/a (in PostgreSQL)', theirs: r.baselineMemory.rss }
        : cells(r);
    // each backend's RSS less the pages of all its in-memory SQLite databases (the catalog's and
    // every other plugin's, ours among them), as the probe in the backend counted them
    const lessDatabases = memory =>
      memory.sqliteBytes === undefined
        ? undefined
        : memory.rss - memory.sqliteBytes;
    measures.push({
      name: "Backend RSS less its in-memory databases' pages (page_count × page_size of each, both backends)",
      goal: { kind: 'max', value: 1.3, text: '≤ 1.3×' },
      format: report.fmtMb,
      byDb: cellsFor(
        onSqlite(r => ({
          ours: lessDatabases(r.memory),
          theirs: lessDatabases(r.baselineMemory),
        })),
      ),
    });
    measures.push({
      name: 'Backend RSS less the pages of its measured rows inserted raw (ours only; before 2026-12-05, late)',
      format: report.fmtMb,
      byDb: cellsFor(
        onSqlite(r => ({
          ours: r.memory.rss - r.sqliteBytes,
          theirs: r.baselineMemory.rss,
        })),
      ),
    });
  }
  return measures;
}

/** --ingestion-only: the ingestion against the raw insert, in all and per kind. */
function ingestionLine(r) {
  const rate = (n, ms) =>
    ms > 0 ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : '—';
  const records = KINDS.reduce((s, k) => s + r.api[k].records, 0);
  const kinds = KINDS.map(
    k =>
      `${k} ${r.api[k].records.toLocaleString('en-US')}: API ${rate(
        r.api[k].records,
        r.api[k].ms,
      )}/s, raw ${rate(r.raw[k].records, r.raw[k].ms)}/s`,
  );
  return (
    `${report.DB_LABEL[r.db]}: ${records.toLocaleString(
      'en-US',
    )} records, API ${Math.round(r.apiRate).toLocaleString(
      'en-US',
    )} rec/s, raw ${Math.round(r.rawRate).toLocaleString('en-US')} rec/s: ` +
    `${Math.round(
      (100 * r.apiRate) / r.rawRate,
    )} % of the raw insert; backend CPU ` +
    `${r.apiBackendCpuSeconds.toFixed(1)} s, quiet ${r.settleSeconds.toFixed(
      1,
    )} s after the last batch\n  ${kinds.join('\n  ')}`
  );
}

function details(results, dbs) {
  const lines = [];
  for (const db of dbs) {
    const r = results[db];
    if (!r) continue;
    const kinds = KINDS.map(k => {
      const api = r.api[k];
      const raw = r.raw[k];
      const rate = (n, ms) =>
        ms > 0 ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : '—';
      return `${k} ${api.records.toLocaleString('en-US')} (API ${rate(
        api.records,
        api.ms,
      )}/s, raw ${rate(raw.records, raw.ms)}/s)`;
    });
    lines.push(
      `- ${report.DB_LABEL[db]}: **quiet ${r.settleSeconds.toFixed(
        1,
      )} s after the last ingest batch** (goal ≤ 60 s: ${
        r.settled && r.settleSeconds <= 60 ? 'met' : 'MISSED'
      })${
        r.sqliteBytes === undefined
          ? ''
          : `; SQLite pages of the data (page_count × page_size of the same rows inserted raw): ${report.fmtMb(
              r.sqliteBytes,
            )}; of all in-memory databases at the memory reading: ours ${report.fmtMb(
              r.memory.sqliteBytes,
            )}, baseline ${report.fmtMb(r.baselineMemory.sqliteBytes)}`
      }.`,
    );
    lines.push(
      `- ${report.DB_LABEL[db]}: records ${kinds.join(
        '; ',
      )}. API ingestion wall time ${r.apiWallSeconds.toFixed(
        1,
      )} s (requests only: ${(
        KINDS.reduce((s, k) => s + r.api[k].ms, 0) / 1000
      ).toFixed(1)} s), backend busy ${r.settleSeconds.toFixed(
        1,
      )} s more after the last batch${
        r.settled ? '' : ' (and still busy when the benchmark went on)'
      }, backend CPU during ingestion ${r.apiBackendCpuSeconds.toFixed(
        1,
      )} s. ` +
        `Overview total: ${
          r.overviewTotal ?? 'n/a'
        }. Catalog-side timings on the baseline backend: ` +
        Object.entries(r.baselineHttp)
          .filter(([id]) => ['overview', 'overview-owner', 'sla'].includes(id))
          .map(
            ([id, e]) =>
              `${id === 'sla' ? 'by-name' : `by-query (${id})`} ${report.fmtMs(
                median(e.ours),
              )}`,
          )
          .join(', ') +
        `; /catalog TTI ${report.fmtMs(
          median(r.baselinePages.catalog),
        )}. RSS ours / baseline: when up ${report.fmtMb(
          r.upMemory.rss,
        )} / ${report.fmtMb(
          r.baselineUpMemory.rss,
        )}, with the catalog in ${report.fmtMb(
          r.catalogMemory.rss,
        )} / ${report.fmtMb(r.baselineCatalogMemory.rss)}, peak ${report.fmtMb(
          r.memory.peak,
        )} / ${report.fmtMb(r.baselineMemory.peak)}.` +
        (r.databaseBytes
          ? ` PostgreSQL databases: ${report.fmtMb(r.databaseBytes)}.`
          : ''),
    );
    for (const [id, e] of Object.entries(r.http)) {
      if (e.oursError && e.status.ours !== 404)
        lines.push(`  - ${id}: ours answered ${e.oursError}`);
      if (e.theirsError)
        lines.push(`  - ${id}: catalog answered ${e.theirsError}`);
    }
    for (const [page, error] of Object.entries(r.pages.errors)) {
      lines.push(`  - page ${page}: ${error}`);
    }
    if (r.failedBatches) {
      lines.push(
        `  - ${r.failedBatches} ingest batch(es) failed 3 times and were not stored`,
      );
    }
    if (r.ingestStoppedEarly) {
      lines.push(
        `  - the ingestion stopped at its time budget: the records above are what was sent`,
      );
    }
    if (r.ingestRetries?.length) {
      lines.push(
        `  - ${r.ingestRetries.length} ingest attempt(s) failed and were retried ` +
          `(timed from the first attempt): ${r.ingestRetries
            .slice(0, 8)
            .join('; ')}${r.ingestRetries.length > 8 ? ' …' : ''}`,
      );
    }
  }
  return lines.join('\n');
}

module.exports = { measuresOf, ingestionLine, details };
