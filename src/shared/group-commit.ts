/**
 * Group commit: callers submit items one at a time and get their own result, while the items are
 * written in batches — whatever queued while the previous batch was being written, up to `maxBatch`.
 * One batch is in flight at a time, so batches apply in submission order. If the writer throws, every
 * item of that batch rejects with the error and the next batch still runs.
 */
export class GroupCommit<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];

  /** `write` must answer one output per input, in order. */
  constructor(private readonly write: (items: readonly I[]) => Promise<readonly O[]>, private readonly maxBatch = 1000) {}

  /** Queues `item`; resolves with its output once its batch is written. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the rest of this tick's submissions join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Items waiting for a batch (not counting the one being written). */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once nothing is queued or being written. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const out = await this.write(batch.map((b) => b.item));
        if (out.length !== batch.length) throw new Error(`group commit: the writer answered ${out.length} results for ${batch.length} items`);
        batch.forEach((b, i) => b.resolve(out[i] as O));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.running = false;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
