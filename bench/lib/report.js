// The table of medians and ratios, for the terminal and as Markdown.

const fmtMs = ms =>
  Number.isFinite(ms)
    ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) + ' ms'
    : '—';
const fmtS = s => (Number.isFinite(s) ? `${s.toFixed(1)} s` : '—');
const fmtRate = r =>
  Number.isFinite(r) ? `${Math.round(r).toLocaleString('en-US')} rec/s` : '—';
const fmtMb = b => (Number.isFinite(b) ? `${Math.round(b / 1048576)} MB` : '—');

/**
 * One row per measure; per database: ours, Backstage's, the ratio and whether the goal is met.
 * `measures`: [{ name, goal: { kind: 'max'|'min', value, text } | undefined, format,
 *               byDb: { sqlite: { ours, theirs, na, note } } }]
 * For kind 'min' (throughput) the ratio is ours/theirs as a percentage.
 */
function buildRows(measures, dbs) {
  const rows = [];
  for (const measure of measures) {
    const row = {
      name: measure.name,
      goal: measure.goal?.text ?? '—',
      cells: [],
    };
    for (const db of dbs) {
      const cell = measure.byDb[db];
      if (!cell) {
        row.cells.push({ ours: '—', theirs: '—', ratio: '—', verdict: '' });
        continue;
      }
      const theirs = measure.format(cell.theirs);
      if (cell.na) {
        row.cells.push({ ours: cell.na, theirs, ratio: 'n/a', verdict: '' });
        continue;
      }
      const ratio = cell.ours / cell.theirs;
      let ratioText = '—';
      let verdict = '';
      if (Number.isFinite(ratio)) {
        ratioText =
          measure.goal?.kind === 'min'
            ? `${(ratio * 100).toFixed(0)} %`
            : `${ratio.toFixed(2)}×`;
        if (measure.goal) {
          const met =
            measure.goal.kind === 'min'
              ? ratio >= measure.goal.value
              : ratio <= measure.goal.value;
          verdict = met ? 'met' : 'MISSED';
        }
      }
      row.cells.push({
        ours: measure.format(cell.ours),
        theirs,
        ratio: ratioText,
        verdict,
      });
    }
    rows.push(row);
  }
  return rows;
}

const DB_LABEL = { sqlite: 'SQLite (in memory)', postgres: 'PostgreSQL' };

function markdownTable(rows, dbs) {
  const header = ['Measure (median)', 'Goal'];
  for (const db of dbs) {
    header.push(`${DB_LABEL[db]}: ours`, 'Backstage', 'ratio');
  }
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  for (const row of rows) {
    const cells = [row.name, row.goal];
    for (const cell of row.cells) {
      cells.push(
        cell.ours,
        cell.theirs,
        cell.verdict ? `**${cell.ratio}** ${cell.verdict}` : cell.ratio,
      );
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function textTable(rows, dbs) {
  const header = ['Measure (median)', 'Goal'];
  for (const db of dbs) {
    header.push(`${db}: ours`, 'Backstage', 'ratio');
  }
  const body = rows.map(row => {
    const cells = [row.name, row.goal];
    for (const cell of row.cells) {
      cells.push(
        cell.ours,
        cell.theirs,
        cell.verdict ? `${cell.ratio} ${cell.verdict}` : cell.ratio,
      );
    }
    return cells;
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map(r => String(r[i]).length)),
  );
  const line = cells =>
    cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [
    line(header),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

module.exports = {
  buildRows,
  markdownTable,
  textTable,
  fmtMs,
  fmtS,
  fmtRate,
  fmtMb,
  DB_LABEL,
};
