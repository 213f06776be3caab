import { mkdirSync, readdirSync, statSync, openSync, readSync, closeSync, truncateSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialQueue } from '../../../shared/serial-queue.js';

/**
 * A sealed segment of the log: a file of complete NDJSON lines, numbered in write order. `longestLine`
 * bounds its longest line in bytes (readers size their buffers by it).
 */
export interface Segment { readonly seq: number; readonly path: string; readonly bytes: number; readonly longestLine: number }

const NAME = /^seg-(\d{12})\.ndjson$/;
const fileName = (seq: number): string => `seg-${String(seq).padStart(12, '0')}.ndjson`;

/**
 * A durable, append-only log of NDJSON lines in numbered segment files (docs/adr/0008). An append
 * resolves once its bytes are on disk (`fdatasync`); appends run one at a time (the event store's
 * BatchWriter already groups concurrent batches into one append, so that is the group commit). A segment is sealed when it reaches `segmentBytes`
 * or when `seal()` is called, and handed to `onSealed`; the consumer deletes it with `remove()` once it
 * has durably taken the segment in.
 *
 * All file work runs on libuv's thread pool, so the event loop is free while the disk syncs.
 */
export class IngestLog {
  private readonly writes = new SerialQueue();
  private current: { seq: number; handle: FileHandle; bytes: number; longestLine: number } | undefined;
  private nextSeq = 1;

  constructor(
    readonly dir: string,
    private readonly onSealed: (segment: Segment) => void,
    private readonly segmentBytes = 64 * 2 ** 20,
  ) {}

  /**
   * Opens the log directory and returns the segments a previous process left behind, oldest first.
   * A torn last line (a write the process died in, never acknowledged) is cut off.
   */
  recover(): Segment[] {
    mkdirSync(this.dir, { recursive: true });
    const found: Segment[] = [];
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (!m) continue;
      const path = join(this.dir, name);
      const bytes = cutTornTail(path);
      found.push({ seq: Number(m[1]), path, bytes, longestLine: bytes });
    }
    found.sort((a, b) => a.seq - b.seq);
    const last = found[found.length - 1];
    if (last) this.nextSeq = last.seq + 1;
    for (const s of found) if (s.bytes === 0) rmSync(s.path);
    return found.filter((s) => s.bytes > 0);
  }

  /** Bytes written to the open segment (0 when none is open). */
  get openBytes(): number {
    return this.current?.bytes ?? 0;
  }

  /** Appends complete lines (each ending in `\n`, the longest `longestLine` bytes); resolves once they are durable. */
  append(data: Buffer, longestLine = data.length): Promise<void> {
    if (data.length === 0) return Promise.resolve();
    return this.writes.run(async () => {
      if (!this.current) {
        const seq = this.nextSeq++;
        this.current = { seq, handle: await open(join(this.dir, fileName(seq)), 'a'), bytes: 0, longestLine: 0 };
      }
      const current = this.current;
      await current.handle.write(data);
      await current.handle.datasync();
      current.bytes += data.length;
      current.longestLine = Math.max(current.longestLine, longestLine);
      if (current.bytes >= this.segmentBytes) await this.closeCurrent();
    });
  }

  /** Seals the open segment (if it holds anything) after the appends queued before it. */
  seal(): Promise<void> {
    return this.writes.run(() => this.closeCurrent());
  }

  /** Deletes a segment its consumer has taken in. */
  remove(segment: Segment): void {
    rmSync(segment.path, { force: true });
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    await current.handle.close();
    this.onSealed({ seq: current.seq, path: join(this.dir, fileName(current.seq)), bytes: current.bytes, longestLine: current.longestLine });
  }
}

/** Truncates a file after its last newline; returns the size kept. */
function cutTornTail(path: string): number {
  const size = statSync(path).size;
  if (size === 0) return 0;
  const fd = openSync(path, 'r+');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1 << 20));
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, end - start).lastIndexOf(0x0a);
      if (nl >= 0) { end = start + nl + 1; break; }
      end = start;
    }
    if (end !== size) truncateSync(path, end);
    return end;
  } finally {
    closeSync(fd);
  }
}
