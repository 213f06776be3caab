import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rowsFromCase } from '../../../../test/builders/analysis-row.builder.js';
import { readPersonPath, type PathRule } from './person-path.js';
import { summarisePaths } from './path-report.js';
import { buildTimelines } from './timeline.js';

interface GoldenCase {
  name: string; rule: PathRule; top: number; rows: Record<string, (string | number)[][]>; persons?: Record<string, string>;
  expect: {
    persons: number; paths: [string[], number][]; other: { paths: number; persons: number };
    sankey?: { nodes: [string, number, string, number][]; links: [string, string, number][] };
  };
}
const golden = JSON.parse(readFileSync(new URL('../../../../test/cases/paths.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] };

function report(c: GoldenCase) {
  const timelines = buildTimelines(rowsFromCase(c.rows), new Map(Object.entries(c.persons ?? {})));
  const outward = [...timelines.values()].map((t) => readPersonPath(t, c.rule)).filter((p): p is string[] => p !== null);
  return summarisePaths(outward, c.top, c.rule.anchor);
}

describe('paths — golden cases (test/cases/paths.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const r = report(c);
      expect(r.persons).toBe(c.expect.persons);
      expect(r.paths.map((p) => [p.steps, p.persons])).toEqual(c.expect.paths);
      for (const p of r.paths) expect(p.share).toBeCloseTo(p.persons / c.expect.persons, 12);
      expect(r.other).toEqual(c.expect.other);
      if (c.expect.sankey) {
        expect(r.sankey.nodes.map((n) => [n.id, n.step, n.name, n.value])).toEqual(c.expect.sankey.nodes);
        expect(r.sankey.links.map((l) => [l.source, l.target, l.value])).toEqual(c.expect.sankey.links);
      }
    });
  }
});

describe('summarisePaths — invariants', () => {
  const paths = [['a', 'b', 'c'], ['a', 'b'], ['a', 'c', 'b'], ['a', 'c', 'c'], ['a', 'd'], ['a', 'd', 'b'], ['a']];

  it('at every depth the Sankey nodes add up to the persons whose path is that long', () => {
    for (const top of [1, 2, 3, 10]) {
      const { sankey } = summarisePaths(paths, top, 'start');
      for (let step = 1; step <= 3; step++) {
        const total = sankey.nodes.filter((n) => n.step === step).reduce((s, n) => s + n.value, 0);
        expect(total, `top ${top}, step ${step}`).toBe(paths.filter((p) => p.length >= step).length);
      }
    }
  });

  it('links out of a node never carry more persons than it holds, and every non-anchor node is fed exactly', () => {
    const { sankey } = summarisePaths(paths, 1, 'start');
    for (const n of sankey.nodes) {
      const out = sankey.links.filter((l) => l.source === n.id).reduce((s, l) => s + l.value, 0);
      const into = sankey.links.filter((l) => l.target === n.id).reduce((s, l) => s + l.value, 0);
      expect(out).toBeLessThanOrEqual(n.value);
      if (n.step > 1) expect(into).toBe(n.value);
    }
  });

  it('link ids point from a smaller to a larger step for start paths and the other way for end paths', () => {
    const step = (id: string): number => Number(id.split(':')[0]);
    for (const l of summarisePaths(paths, 2, 'start').sankey.links) expect(step(l.target)).toBe(step(l.source) + 1);
    for (const l of summarisePaths(paths, 2, 'end').sankey.links) expect(step(l.source)).toBe(step(l.target) + 1);
  });

  it('no persons: empty report', () => {
    expect(summarisePaths([], 5, 'start')).toEqual({ persons: 0, paths: [], other: { paths: 0, persons: 0 }, sankey: { nodes: [], links: [] } });
  });
});
