import { CsvError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, over CRLF or LF', () => {
    const text =
      '\ufeffname,description,amount\r\n' +
      'a,"Compute, eu-west-1",1\r\n' +
      'b,"Storage ""gp3""",2\n' +
      '\r\n' +
      'c,"Support,\r\nmonthly",\r\n' +
      'd,,""';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'description', 'amount'] },
      { line: 2, fields: ['a', 'Compute, eu-west-1', '1'] },
      { line: 3, fields: ['b', 'Storage "gp3"', '2'] },
      // the blank line 4 is skipped; line 5's record runs over two lines
      { line: 5, fields: ['c', 'Support,\r\nmonthly', ''] },
      { line: 7, fields: ['d', '', ''] },
    ]);
  });

  it('takes a trailing line break as the end of the last record', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('names the line of a quoted field that never closes, or of text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(
      new CsvError(2, 'a quoted field is never closed'),
    );
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(
      /^line 2: unexpected "y" after a quoted field/,
    );
  });
});
