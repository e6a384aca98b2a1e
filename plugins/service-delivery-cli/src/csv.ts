/*
 * A small RFC 4180 reader: finance exports are plain CSV, and the few rules it takes (quoted fields
 * that hold commas, quotes doubled inside them, line breaks inside them, CRLF or LF between records,
 * a byte-order mark in front) do not call for a dependency.
 */

/** One record of a CSV file and the line it starts on (1-based). */
export interface CsvRow {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Reads CSV text into records. Blank lines are skipped. Throws a CsvError naming the line. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) {
      rows.push({ line: rowLine, fields });
    }
    fields = [];
  };

  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '') {
      // A quoted field: runs to the quote that is not doubled.
      const openedOn = line;
      i += 1;
      for (;;) {
        if (i >= text.length) {
          throw new CsvError(openedOn, 'a quoted field is never closed');
        }
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (text[i] === '\n') line += 1;
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (
        next !== undefined &&
        next !== ',' &&
        next !== '\n' &&
        next !== '\r'
      ) {
        throw new CsvError(
          line,
          `unexpected ${JSON.stringify(
            next,
          )} after a quoted field; a quote inside a field is written ""`,
        );
      }
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      field += char;
      i += 1;
    }
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
