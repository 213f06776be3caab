import type { PathAnchor } from './person-path.js';
import { ratio } from '../../../shared/stats.js';

/** One complete path and the persons whose path it is. */
export interface PathCount {
  /** Event names in time order (for `end` paths the anchor is last). */
  readonly steps: string[];
  readonly persons: number;
  /** persons / all persons with the anchor. */
  readonly share: number;
}

/** A Sankey node: one path prefix at one depth, or the depth's `(other)` bucket. */
export interface SankeyNode {
  /** `<step>:<prefix>`, e.g. `2:product_click>detail_view`, or `<step>:(other)`; unique, encodes depth. */
  readonly id: string;
  /** Distance from the anchor: 1 = the anchor, 2 = the next step away from it. */
  readonly step: number;
  /** Event name of the step, or `(other)`. */
  readonly name: string;
  /** Persons whose path has this prefix (each person once per prefix). */
  readonly value: number;
}

/** A Sankey link in time order: for `start` paths from step k to k+1, for `end` paths from step k+1 to k. */
export interface SankeyLink { readonly source: string; readonly target: string; readonly value: number }

export interface PathReport {
  /** Persons with the anchor event. */
  readonly persons: number;
  /** The `top` most common complete paths, most persons first (ties: by id text). */
  readonly paths: PathCount[];
  /** The complete paths beyond the top ones, merged. */
  readonly other: { readonly paths: number; readonly persons: number };
  readonly sankey: { readonly nodes: SankeyNode[]; readonly links: SankeyLink[] };
}

/** Name of the per-depth bucket of prefixes beyond the top N. */
export const OTHER_NODE = '(other)';

interface Prefix { id: string; name: string; persons: number; children: Map<string, Prefix> }

const byPersonsThenId = (a: { persons: number; id: string }, b: { persons: number; id: string }): number =>
  b.persons - a.persons || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function buildPrefixTree(paths: readonly (readonly string[])[], sep: string): Prefix {
  const root: Prefix = { id: '', name: '', persons: paths.length, children: new Map() };
  for (const path of paths) {
    let node = root;
    path.forEach((name, k) => {
      let child = node.children.get(name);
      if (!child) {
        child = { id: `${k + 1}:${node.id === '' ? name : `${node.id.slice(node.id.indexOf(':') + 1)}${sep}${name}`}`, name, persons: 0, children: new Map() };
        node.children.set(name, child);
      }
      child.persons++;
      node = child;
    });
  }
  return root;
}

/**
 * The Sankey of the prefix tree, pruned per depth: at depth 1 the anchor; at each depth k+1 the `top`
 * prefixes with the most persons among the extensions of the prefixes kept at depth k. Every other
 * prefix of depth k+1 (an extension of a dropped prefix, or beyond the top N) is merged into the one
 * node `<k+1>:(other)`. A node's value minus its outgoing links is the persons whose path ends there.
 */
function buildSankey(root: Prefix, top: number, anchor: PathAnchor): PathReport['sankey'] {
  const nodes: SankeyNode[] = [];
  const links: SankeyLink[] = [];
  const link = (parent: string, child: string, value: number): void => {
    if (value > 0) links.push(anchor === 'start' ? { source: parent, target: child, value } : { source: child, target: parent, value });
  };
  let kept: Prefix[] = [root];
  let dropped: Prefix[] = [];
  let otherId = '';
  for (let step = 1; kept.length + dropped.length > 0; step++) {
    const candidates = kept.flatMap((p) => [...p.children.values()].map((child) => ({ parent: p, child, id: child.id, persons: child.persons })));
    candidates.sort(byPersonsThenId);
    const keep = candidates.slice(0, top);
    const nextDropped = [...candidates.slice(top).map((c) => c.child), ...dropped.flatMap((p) => [...p.children.values()])];
    for (const c of keep) {
      nodes.push({ id: c.id, step, name: c.child.name, value: c.persons });
      if (c.parent !== root) link(c.parent.id, c.id, c.persons);
    }
    const otherValue = nextDropped.reduce((s, p) => s + p.persons, 0);
    if (otherValue > 0) {
      const id = `${step}:${OTHER_NODE}`;
      nodes.push({ id, step, name: OTHER_NODE, value: otherValue });
      for (const p of kept) {
        if (p === root) continue;
        link(p.id, id, candidates.slice(top).filter((c) => c.parent === p).reduce((s, c) => s + c.persons, 0));
      }
      if (otherId !== '') link(otherId, id, dropped.reduce((s, p) => s + [...p.children.values()].reduce((t, c) => t + c.persons, 0), 0));
      otherId = id;
    } else {
      otherId = '';
    }
    kept = keep.map((c) => c.child);
    dropped = nextDropped;
  }
  return { nodes, links };
}

/**
 * Summarises persons' paths (each read outward from the anchor by `readPersonPath`, one per person):
 * the `top` complete paths with exact person counts, the rest merged, and a Sankey of the prefix tree
 * (see `buildSankey`).
 */
export function summarisePaths(outward: readonly (readonly string[])[], top: number, anchor: PathAnchor): PathReport {
  const sep = anchor === 'start' ? '>' : '<';
  const complete = new Map<string, { steps: string[]; persons: number; id: string }>();
  for (const path of outward) {
    const id = path.join(sep);
    const found = complete.get(id);
    if (found) found.persons++;
    else complete.set(id, { steps: anchor === 'start' ? [...path] : [...path].reverse(), persons: 1, id });
  }
  const ranked = [...complete.values()].sort(byPersonsThenId);
  const rest = ranked.slice(top);
  return {
    persons: outward.length,
    paths: ranked.slice(0, top).map((p) => ({ steps: p.steps, persons: p.persons, share: ratio(p.persons, outward.length) })),
    other: { paths: rest.length, persons: rest.reduce((s, p) => s + p.persons, 0) },
    sankey: buildSankey(buildPrefixTree(outward, sep), top, anchor),
  };
}
