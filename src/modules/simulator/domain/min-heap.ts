/**
 * A binary min-heap ordered by (key, seq): `seq` breaks ties in insertion order, so popping is
 * deterministic even though a heap is not a stable structure.
 */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private nextSeq = 0;

  /** Number of queued items. */
  get size(): number {
    return this.items.length;
  }

  /** Smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.keys[0] ?? Infinity;
  }

  /** Queues an item under a key. */
  push(key: number, item: T): void {
    const { keys, seqs, items } = this;
    let i = items.length;
    const seq = this.nextSeq++;
    keys.push(key);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk < key || (pk === key && (seqs[parent] as number) < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent] as number;
      items[i] = items[parent] as T;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Removes and returns the item with the smallest (key, seq); undefined when empty. */
  pop(): T | undefined {
    const { keys, seqs, items } = this;
    const top = items[0];
    const lastKey = keys.pop();
    const lastSeq = seqs.pop();
    const lastItem = items.pop();
    const n = items.length;
    if (n === 0 || lastKey === undefined || lastSeq === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && ((keys[r] as number) < (keys[l] as number) || (keys[r] === keys[l] && (seqs[r] as number) < (seqs[l] as number)))) c = r;
      const ck = keys[c] as number;
      if (ck > lastKey || (ck === lastKey && (seqs[c] as number) > lastSeq)) break;
      keys[i] = ck;
      seqs[i] = seqs[c] as number;
      items[i] = items[c] as T;
      i = c;
    }
    keys[i] = lastKey;
    seqs[i] = lastSeq;
    items[i] = lastItem as T;
    return top;
  }
}
