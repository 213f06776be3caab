import { readTextChunks, type ChunkReadOptions } from './file-chunks.js';

/** One non-blank line of a text file and its 1-based line number (line end and `\r` removed). */
export interface TextLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Streams the non-blank lines of a UTF-8 text file in batches (one batch per read chunk). Lines end at
 * `\n` or `\r\n`; a last line without a line end is returned as it is.
 * @throws AppError `import_file_not_found` when the file is missing
 */
export async function* readLines(path: string, options: ChunkReadOptions = {}): AsyncGenerator<TextLine[]> {
  let carry = '';
  let line = 1;
  const push = (out: TextLine[], text: string, start: number, end: number): void => {
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const value = text.slice(start, end);
    if (value.trim() !== '') out.push({ line, text: value });
    line++;
  };
  for await (const chunk of readTextChunks(path, options)) {
    const text = carry.length > 0 ? carry + chunk : chunk;
    const out: TextLine[] = [];
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', pos)) {
      push(out, text, pos, nl);
      pos = nl + 1;
    }
    carry = text.slice(pos);
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) {
    const out: TextLine[] = [];
    push(out, carry, 0, carry.length);
    if (out.length > 0) yield out;
  }
}
