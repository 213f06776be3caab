import { parseCsvChunk, type CsvRow } from './domain/csv-parse.js';
import { readTextChunks, type ChunkReadOptions } from './file-chunks.js';

/** Options of the streaming CSV reader. */
export interface CsvReadOptions extends ChunkReadOptions {
  /** One character; default `,`. */
  readonly delimiter?: string;
  /** True when the first row names the columns (it is then not returned as a row). */
  readonly header: boolean;
  /** Expected fields per row without a header; default: as many as the first row has. */
  readonly columns?: number;
}

/** A batch of rows parsed from one read of the file, with the header when the file has one. */
export interface CsvBatch {
  readonly header: readonly string[] | undefined;
  readonly rows: readonly CsvRow[];
}

/** Marks rows whose field count differs from the expected one as error rows. */
function checkWidth(row: CsvRow, width: number): CsvRow {
  if (row.error !== undefined || row.fields.length === width) return row;
  const truncated = row.atEof === true && row.fields.length < width ? ' (last row has no line end: the file looks truncated)' : '';
  return { ...row, error: `expected ${width} fields, found ${row.fields.length}${truncated}` };
}

/**
 * Streams a CSV file as batches of parsed rows (one batch per read chunk). Each row carries its line
 * number; rows with the wrong number of fields (for example the cut-off last row of a byte-truncated
 * file) or an unterminated quote come back with `error` set instead of failing the read.
 * @throws AppError `import_file_not_found` when the file is missing
 */
export async function* readCsvFile(path: string, options: CsvReadOptions): AsyncGenerator<CsvBatch> {
  const delimiter = options.delimiter ?? ',';
  let header: string[] | undefined;
  let width = options.columns;
  let carry = '';
  let line = 1;
  const shape = (rows: CsvRow[]): CsvBatch | undefined => {
    let start = 0;
    if (options.header && header === undefined && rows.length > 0) {
      const first = rows[0] as CsvRow;
      header = first.fields;
      width ??= header.length;
      start = 1;
    }
    if (rows.length > start) width ??= (rows[start] as CsvRow).fields.length;
    const out: CsvRow[] = new Array<CsvRow>(rows.length - start);
    for (let i = start; i < rows.length; i++) out[i - start] = checkWidth(rows[i] as CsvRow, width as number);
    return out.length > 0 || start > 0 ? { header, rows: out } : undefined;
  };
  for await (const chunk of readTextChunks(path, options)) {
    const text = carry.length > 0 ? carry + chunk : chunk;
    const result = parseCsvChunk(text, line, false, delimiter);
    carry = result.consumed < text.length ? text.slice(result.consumed) : '';
    line = result.nextLine;
    const batch = shape(result.rows);
    if (batch !== undefined) yield batch;
  }
  if (carry.length > 0) {
    const batch = shape(parseCsvChunk(carry, line, true, delimiter).rows);
    if (batch !== undefined) yield batch;
  }
}
