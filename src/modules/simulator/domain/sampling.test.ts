import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { MinHeap } from './min-heap.js';
import { buildSampler, hex8, permute32 } from './sampling.js';

describe('permute32 and hex8', () => {
  it('maps distinct inputs to distinct 32-bit outputs, as 8 hex digits', () => {
    const out = new Set<number>();
    for (let i = 0; i < 200_000; i++) out.add(permute32(i));
    expect(out.size).toBe(200_000);
    expect(hex8(0xdeadbeef)).toBe('deadbeef');
    expect(hex8(1)).toBe('00000001');
  });
});

describe('buildSampler', () => {
  it('draws indices in proportion to weight and never a zero weight', () => {
    const sampler = buildSampler([1, 0, 3]);
    const rng = seededRng(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = sampler.draw(rng);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / (counts[0] as number)).toBeCloseTo(3, 0);
  });

  it('refuses an all-zero table', () => {
    expect(() => buildSampler([0, 0])).toThrow(RangeError);
  });
});

describe('MinHeap', () => {
  it('pops by key, ties in insertion order', () => {
    const heap = new MinHeap<string>();
    const rng = seededRng(3);
    const pushed: [number, string][] = [];
    for (let i = 0; i < 500; i++) {
      const key = Math.floor(rng.next() * 50);
      pushed.push([key, `i${i}`]);
      heap.push(key, `i${i}`);
    }
    const popped: string[] = [];
    while (heap.size > 0) popped.push(heap.pop() as string);
    expect(popped).toEqual([...pushed].sort((a, b) => a[0] - b[0]).map(([, v]) => v));
    expect(heap.pop()).toBeUndefined();
    expect(heap.peekKey()).toBe(Infinity);
  });
});
