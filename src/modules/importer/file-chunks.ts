import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../shared/errors/index.js';

/** Reports how far a read has got, in bytes of the file. */
export type ProgressListener = (bytesRead: number, totalBytes: number) => void;

/** Options of the chunked file readers. */
export interface ChunkReadOptions {
  /** Called after every chunk read from disk. */
  readonly onProgress?: ProgressListener;
  /** Bytes per read; default 256 KiB (smaller reads keep fewer rows alive at once: less GC). */
  readonly chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * Checks that `path` is a readable regular file and returns its size in bytes.
 * @throws AppError `import_file_not_found` when it is missing or not a file
 */
export async function importFileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('import_file_not_found', `${path} is not a file`, { details: { path } });
    return info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('import_file_not_found', `cannot read ${path}`, { details: { path }, cause: error });
  }
}

/**
 * Streams a UTF-8 file as decoded text chunks (a UTF-8 BOM at the start is dropped; multi-byte
 * characters split across reads are reassembled).
 * @throws AppError `import_file_not_found` when the file is missing
 */
export async function* readTextChunks(path: string, options: ChunkReadOptions = {}): AsyncGenerator<string> {
  const totalBytes = await importFileSize(path);
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? DEFAULT_CHUNK_BYTES });
  let bytesRead = 0;
  let first = true;
  for await (const buffer of stream as AsyncIterable<Buffer>) {
    bytesRead += buffer.length;
    let text = decoder.write(buffer);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    options.onProgress?.(bytesRead, totalBytes);
    if (text.length > 0) yield text;
  }
  const tail = decoder.end();
  if (tail.length > 0) yield tail;
}
