import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvChunk, type CsvRow } from './csv-parse.js';

const fieldsOf = (rows: readonly CsvRow[]): string[][] => rows.map((row) => row.fields);

/** Feeds `text` in pieces of `size` characters the way the streaming reader does. */
function parseInPieces(text: string, size: number, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  let carry = '';
  let line = 1;
  for (let at = 0; at < text.length; at += size) {
    const chunk = carry + text.slice(at, at + size);
    const result = parseCsvChunk(chunk, line, false, delimiter);
    rows.push(...result.rows);
    carry = chunk.slice(result.consumed);
    line = result.nextLine;
  }
  rows.push(...parseCsvChunk(carry, line, true, delimiter).rows);
  return rows;
}

describe('parseCsv', () => {
  it('splits simple rows on \\n and \\r\\n', () => {
    expect(fieldsOf(parseCsv('a,b,c\n1,2,3\r\n4,5,6\n'))).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6']]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(fieldsOf(parseCsv(',a,,b,\n,,\n'))).toEqual([['', 'a', '', 'b', ''], ['', '', '']]);
    expect(fieldsOf(parseCsv('x,"",y\n'))).toEqual([['x', '', 'y']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line ends inside', () => {
    const rows = parseCsv('id,text\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,"crlf\r\ninside"\r\n');
    expect(fieldsOf(rows)).toEqual([['id', 'text'], ['1', 'a, b'], ['2', 'say "hi"'], ['3', 'two\nlines'], ['4', 'crlf\r\ninside']]);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 6]);
  });

  it('keeps a bare \\r inside a quoted field as data', () => {
    expect(fieldsOf(parseCsv('"a\rb",c\r\n"\r",d\n'))).toEqual([['a\rb', 'c'], ['\r', 'd']]);
  });

  it('reads a quoted field that is only doubled quotes, and quotes at the row end', () => {
    expect(fieldsOf(parseCsv('"""""",x\n"end"\n'))).toEqual([['""', 'x'], ['end']]);
  });

  it('is lenient about quotes that RFC 4180 leaves undefined', () => {
    expect(fieldsOf(parseCsv('ab"c,d\n"q"tail,e\n'))).toEqual([['ab"c', 'd'], ['qtail', 'e']]);
  });

  it('skips empty lines but keeps counting lines', () => {
    const rows = parseCsv('a\n\n\r\nb\n');
    expect(fieldsOf(rows)).toEqual([['a'], ['b']]);
    expect(rows.map((row) => row.line)).toEqual([1, 4]);
  });

  it('marks a last row without a line end, and leaves complete rows unmarked', () => {
    const rows = parseCsv('a,b\n1,2\n3');
    expect(rows.map((row) => row.atEof === true)).toEqual([false, false, true]);
    expect(rows[2]?.fields).toEqual(['3']);
    expect(parseCsv('a,b\n1,"x"').at(-1)).toMatchObject({ fields: ['1', 'x'], atEof: true });
  });

  it('reports an unterminated quote at the end of input as an error row, not a failure', () => {
    const rows = parseCsv('a,b\n1,"open\nstill open');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ line: 2, error: 'unterminated quoted field at the end of the file', fields: ['1', 'open\nstill open'] });
  });

  it('supports another delimiter, with the comma as data', () => {
    expect(fieldsOf(parseCsv('a\tb,c\t"d\te"\n', '\t'))).toEqual([['a', 'b,c', 'd\te']]);
    expect(fieldsOf(parseCsv('a;b\n', ';'))).toEqual([['a', 'b']]);
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => parseCsv('a', '"')).toThrow(RangeError);
    expect(() => parseCsv('a', ',,')).toThrow(RangeError);
  });
});

describe('parseCsvChunk across chunk boundaries', () => {
  const text = 'h1,h2,h3\r\n"a,1","b ""2""",c\r\n"multi\r\nline",,"x"\n\nplain,row,here\r\n"q""",' +
    '"\r","end"\n1,2,3';

  it('leaves an incomplete row unconsumed until more input comes', () => {
    const result = parseCsvChunk('a,b\n"open', 1, false);
    expect(fieldsOf(result.rows)).toEqual([['a', 'b']]);
    expect(result.consumed).toBe(4);
    expect(result.nextLine).toBe(2);
    expect(parseCsvChunk('a,b\nc,d', 1, false).consumed).toBe(4);
    // A closing quote at the very end may be the first half of a doubled quote.
    expect(parseCsvChunk('"ab"', 1, false).rows).toEqual([]);
  });

  it('gives the same rows and line numbers for every piece size', () => {
    const whole = parseCsv(text);
    expect(whole.length).toBe(6);
    for (let size = 1; size <= text.length; size++) expect(parseInPieces(text, size)).toEqual(whole);
  });
});
