/**
 * A compact open-addressing set of 53-bit hashes in a Float64Array (8 bytes a slot, load ≤ 0.5).
 * Membership is probabilistic in one direction only: `has` never misses an added hash, but two
 * different strings may share a hash, so callers confirm a hit against the source of truth.
 */
export class Hash53Set {
  private slots: Float64Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1024;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.slots = new Float64Array(cap);
  }

  /** Number of distinct hashes held. */
  get size(): number {
    return this.count;
  }

  /** True when `hash` was added. */
  has(hash: number): boolean {
    const h = hash === 0 ? 1 : hash;
    const mask = this.slots.length - 1;
    let i = (h % 4294967296) & mask;
    for (;;) {
      const v = this.slots[i];
      if (v === 0) return false;
      if (v === h) return true;
      i = (i + 1) & mask;
    }
  }

  /** Adds `hash`; returns false when it was already present. */
  add(hash: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    return this.insert(hash === 0 ? 1 : hash);
  }

  private insert(h: number): boolean {
    const mask = this.slots.length - 1;
    let i = (h % 4294967296) & mask;
    for (;;) {
      const v = this.slots[i];
      if (v === 0) { this.slots[i] = h; this.count++; return true; }
      if (v === h) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const v of old) if (v !== 0) this.insert(v);
  }
}
