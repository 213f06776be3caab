/**
 * The importer module: reads event files (NDJSON, canonical CSV, parquet and the REES46, Taobao
 * UserBehavior and UCI Online Retail datasets) and maps each row to a wire-form canonical event for the
 * ingestion service. See README.md and FORMATS.md for the mapping decisions.
 */
export {
  IMPORT_FORMATS, isImportFormat, readImportFile, type ImportFormat, type ImportItem, type ImportReadOptions,
} from './import-reader.js';
export {
  readCsvFile, type CsvBatch, type CsvReadOptions,
} from './csv-reader.js';
export {
  parseCsv, type CsvChunkResult, type CsvRow,
} from './domain/csv-parse.js';
export type { ProgressListener } from './file-chunks.js';
export type { HeaderBinding, MapOutcome, RowMapper, WireEvent } from './domain/formats/format-types.js';
