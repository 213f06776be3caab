import type { EventStore } from './events.store.js';
import type { StoredEvent } from './store/event-columns.js';

interface Pending {
  readonly events: readonly StoredEvent[];
  resolve(fresh: boolean[]): void;
  reject(err: unknown): void;
}

/**
 * Group commit: batches that arrive while a write is in flight are written together in the next
 * transaction, so concurrent requests share one commit. A caller's promise resolves only after its
 * events are durably stored, which is what lets the API answer "accepted" honestly.
 */
export class BatchWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly store: EventStore, private readonly maxGroup = 20_000) {}

  /** Stores events; resolves with per-event freshness (false = already stored). */
  write(events: readonly StoredEvent[]): Promise<boolean[]> {
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.running ??= this.drainLoop();
    });
  }

  /** Resolves when everything queued so far is stored (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + (this.queue[0] as Pending).events.length <= this.maxGroup)) {
          const p = this.queue.shift() as Pending;
          group.push(p);
          size += p.events.length;
        }
        await this.writeGroup(group);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async writeGroup(group: Pending[]): Promise<void> {
    const all = group.length === 1 ? (group[0] as Pending).events : group.flatMap((p) => p.events);
    try {
      const fresh = await this.store.append(all);
      let offset = 0;
      for (const p of group) {
        p.resolve(fresh.slice(offset, offset + p.events.length));
        offset += p.events.length;
      }
    } catch (err) {
      for (const p of group) p.reject(err);
    }
  }
}
