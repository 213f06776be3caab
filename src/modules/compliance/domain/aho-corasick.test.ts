import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';

/** Every occurrence by brute force: the reference the automaton is checked against. */
function naive(patterns: readonly string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    if (p.length === 0) return;
    for (let s = text.indexOf(p); s !== -1; s = text.indexOf(p, s + 1)) out.push(`${s}:${s + p.length}:${i}`);
  });
  return out.sort();
}

describe('Aho–Corasick', () => {
  it('finds overlapping and nested patterns (the textbook he/she/his/hers case)', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers']);
    expect(ac.search('ushers').map((m) => [m.start, m.end, m.pattern])).toEqual([[1, 4, 1], [2, 4, 0], [2, 6, 3]]);
  });

  it('finds Chinese terms inside each other', () => {
    const ac = new AhoCorasick(['最', '最佳', '佳品', '第1']);
    expect(ac.search('全网第1最佳品').map((m) => [m.start, m.end, m.pattern])).toEqual([[2, 4, 3], [4, 5, 0], [4, 6, 1], [5, 7, 2]]);
  });

  it('agrees with brute force on random patterns and texts (fast-check)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '最', '佳');
    const word = fc.array(alphabet, { maxLength: 4 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (patterns, text) => {
      const got = new AhoCorasick(patterns).search(text).map((m) => `${m.start}:${m.end}:${m.pattern}`).sort();
      expect(got).toEqual(naive(patterns, text));
    }), { numRuns: 500 });
  });
});
