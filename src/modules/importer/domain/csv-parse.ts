/**
 * A fast RFC 4180 CSV parser over text chunks. Pure: the streaming reader (`csv-reader.ts`) feeds it
 * decoded chunks and carries the unconsumed tail into the next call.
 *
 * Rules: fields separated by a one-character delimiter; rows end at `\n` or `\r\n`; a field wrapped
 * in double quotes may hold delimiters, line ends (a bare `\r` included) and doubled quotes (`""` → `"`).
 * Lenient where RFC 4180 is silent: characters after a closing quote are kept as data, a quote inside an
 * unquoted field is data, and wholly empty lines are skipped. Fields are slices of the input, never
 * built character by character; rows without any quote take a fast path (`indexOf` + `split`).
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One parsed row. */
export interface CsvRow {
  /** 1-based physical line where the row starts (a quoted line end inside a field spans lines). */
  readonly line: number;
  readonly fields: string[];
  /** Why the row cannot be trusted (unterminated quote, wrong field count); the row is then an error. */
  readonly error?: string;
  /** True when the row ended at the end of the input without a line end. */
  readonly atEof?: true;
}

/** The result of parsing one chunk. */
export interface CsvChunkResult {
  readonly rows: CsvRow[];
  /** Characters of the input consumed; the caller prepends the rest to the next chunk. */
  readonly consumed: number;
  /** Line number of the first unconsumed row. */
  readonly nextLine: number;
}

/** Checks a delimiter and returns its char code; throws a RangeError for a programming error. */
export function delimiterCode(delimiter: string): number {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`CSV delimiter must be one character other than a quote or a line end, got ${JSON.stringify(delimiter)}`);
  }
  return delimiter.charCodeAt(0);
}

interface QuotedRow {
  readonly fields: string[];
  /** Index just after the row's line end (or the input length at the end of input). */
  readonly end: number;
  readonly atEof: boolean;
  readonly error?: string;
}

/**
 * Scans an unquoted field from `i` to the next delimiter or line end; returns its end index.
 * A `\r` directly before the `\n` is excluded from the value by the caller.
 */
function unquotedEnd(text: string, i: number, delim: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === delim || c === LF) return i;
    i++;
  }
  return n;
}

/** Where a field ending at `end` stops once the `\r` of a `\r\n` (or of the input's end) is dropped. */
function withoutLineEndCr(text: string, start: number, end: number): number {
  const atLineEnd = end === text.length || text.charCodeAt(end) === LF;
  return atLineEnd && end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

/**
 * Parses one row that contains at least one quote, starting at `start`. Returns undefined when the row
 * is not complete in `text` and more input may follow (`final` false).
 */
function parseQuotedRow(text: string, start: number, final: boolean, delim: number): QuotedRow | undefined {
  const n = text.length;
  const fields: string[] = [];
  let i = start;
  for (;;) {
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      value = '';
      let segStart = i + 1;
      for (;;) {
        const q = text.indexOf('"', segStart);
        if (q === -1 || (q + 1 === n && !final)) {
          if (!final) return undefined;
          fields.push(value + text.slice(segStart));
          return { fields, end: n, atEof: true, error: 'unterminated quoted field at the end of the file' };
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segStart, q + 1);
          segStart = q + 2;
          continue;
        }
        value += text.slice(segStart, q);
        i = q + 1;
        break;
      }
      const strayEnd = unquotedEnd(text, i, delim);
      if (strayEnd > i) value += text.slice(i, withoutLineEndCr(text, i, strayEnd));
      i = strayEnd;
    } else {
      const end = unquotedEnd(text, i, delim);
      value = text.slice(i, withoutLineEndCr(text, i, end));
      i = end;
    }
    if (i >= n) {
      if (!final) return undefined;
      fields.push(value);
      return { fields, end: n, atEof: true };
    }
    fields.push(value);
    if (text.charCodeAt(i) === LF) return { fields, end: i + 1, atEof: false };
    i++; // delimiter
  }
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Parses as many complete rows of `text` as possible. With `final` false, a row that may continue in
 * the next chunk is left unconsumed; with `final` true the rest of the input is parsed, and a last
 * row without a line end is marked `atEof` (an unterminated quote makes it an error row).
 * @param firstLine line number of the first character of `text`
 * @param delimiter one character, default `,`
 */
export function parseCsvChunk(text: string, firstLine: number, final: boolean, delimiter = ','): CsvChunkResult {
  const delim = delimiterCode(delimiter);
  const rows: CsvRow[] = [];
  const n = text.length;
  let pos = 0;
  let line = firstLine;
  let nextQuote = text.indexOf('"');
  if (nextQuote === -1) nextQuote = n;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    const lastLine = nl === -1;
    if (lastLine) {
      if (!final) break;
      nl = n;
    }
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1) nextQuote = n;
    }
    if (nextQuote >= nl) {
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === CR) end--;
      if (end > pos) {
        const fields = text.slice(pos, end).split(delimiter);
        rows.push(lastLine ? { line, fields, atEof: true } : { line, fields });
      }
      pos = nl + 1;
      line++;
      continue;
    }
    const row = parseQuotedRow(text, pos, final, delim);
    if (row === undefined) break;
    const base = { line, fields: row.fields };
    if (row.error !== undefined) rows.push({ ...base, error: row.error, atEof: true });
    else rows.push(row.atEof ? { ...base, atEof: true } : base);
    line += countLineFeeds(text, pos, row.end);
    pos = row.end;
  }
  return { rows, consumed: Math.min(pos, n), nextLine: line };
}

/**
 * Parses a whole CSV text at once (tests and small inputs).
 * @example parseCsv('a,"b ""q"""\n') → [{ line: 1, fields: ['a', 'b "q"'] }]
 */
export function parseCsv(text: string, delimiter = ','): CsvRow[] {
  return parseCsvChunk(text, 1, true, delimiter).rows;
}
