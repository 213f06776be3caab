/**
 * Aho–Corasick multi-pattern matching over UTF-16 units: one pass over the text finds every occurrence
 * of every pattern, in O(text + matches) after an O(Σ patterns) build. Pure.
 */

/** One occurrence: `[start, end)` in the searched text and the index of the pattern. */
export interface Match {
  readonly start: number;
  readonly end: number;
  readonly pattern: number;
}

/** The automaton of a set of patterns (empty patterns are ignored). */
export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each node (its own and those reached by failure links), by pattern index. */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, index) => {
      if (p.length === 0) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let child = this.next[node]!.get(c);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node]!.set(c, child);
        }
        node = child;
      }
      this.out[node]!.push(index);
    });
    // Breadth first: a node's failure link is the longest proper suffix that is also a prefix.
    const queue: number[] = [...this.next[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child] = [...this.out[child]!, ...this.out[this.fail[child]!]!];
        queue.push(child);
      }
    }
  }

  /** Every occurrence of every pattern in `text`, ordered by end, then by pattern order. */
  search(text: string): Match[] {
    const found: Match[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (node !== 0 && !this.next[node]!.has(c)) node = this.fail[node]!;
      node = this.next[node]!.get(c) ?? 0;
      for (const pattern of this.out[node]!) found.push({ start: i + 1 - this.lengths[pattern]!, end: i + 1, pattern });
    }
    return found;
  }
}
