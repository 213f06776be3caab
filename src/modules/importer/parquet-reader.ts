import { DuckDBInstance, type DuckDBResult, type JS } from '@duckdb/node-api';
import { AppError } from '../../shared/errors/index.js';
import { importFileSize, type ProgressListener } from './file-chunks.js';

/** One parquet row as a record of plain JSON-ready values, with its 1-based row number. */
export interface ParquetRecord {
  readonly line: number;
  readonly record: Record<string, unknown>;
}

/** Options of the parquet reader. */
export interface ParquetReadOptions {
  /** Called after every chunk; bytes are estimated from the share of rows read. */
  readonly onProgress?: ProgressListener;
}

/**
 * Converts a DuckDB JS value to a plain value: BIGINT → number when safe (else decimal text), a
 * timestamp → UTC epoch ms for `ts`/`timestamp` and ISO-8601 elsewhere, BLOB → base64, nested lists and
 * structs converted recursively.
 */
function toPlain(value: JS, epochMs: boolean): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Date) return epochMs ? value.getTime() : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => toPlain(item, false));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = toPlain(item, false);
  return out;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Streams a parquet file through an in-memory DuckDB as batches of records keyed by column name.
 * The first batch tells the columns even when the file has no rows (it is then empty).
 * @throws AppError `import_file_not_found` when the file is missing, `import_bad_header` when DuckDB
 *   cannot read it as parquet
 */
export async function* readParquetRecords(path: string, options: ParquetReadOptions = {}): AsyncGenerator<{ columns: readonly string[]; records: ParquetRecord[] }> {
  const totalBytes = await importFileSize(path);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source = `read_parquet(${sqlString(path)})`;
    let totalRows: number;
    let result: DuckDBResult;
    try {
      const counted = await connection.runAndReadAll(`SELECT count(*) FROM ${source}`);
      totalRows = Number(counted.getRows()[0]?.[0] ?? 0);
      result = await connection.stream(`SELECT * FROM ${source}`);
    } catch (error) {
      throw new AppError('import_bad_header', `${path} cannot be read as parquet: ${(error as Error).message}`, { details: { path }, cause: error });
    }
    const columns = result.columnNames();
    const epochColumns = new Set(['ts', 'timestamp']);
    let line = 0;
    let yielded = false;
    for await (const rows of result.yieldRowObjectJs()) {
      const records: ParquetRecord[] = new Array<ParquetRecord>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Record<string, JS>;
        const record: Record<string, unknown> = {};
        for (const column of columns) record[column] = toPlain(row[column] ?? null, epochColumns.has(column));
        records[i] = { line: ++line, record };
      }
      options.onProgress?.(totalRows === 0 ? totalBytes : Math.round((line / totalRows) * totalBytes), totalBytes);
      yielded = true;
      yield { columns, records };
    }
    if (!yielded) yield { columns, records: [] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
