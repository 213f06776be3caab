import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/shared/errors/index.js';
import { renderErrorsDoc } from '../../src/shared/errors/errors-doc.js';
import { SETTINGS } from '../../src/config/index.js';
import { renderConfigDoc } from '../../src/config/config-doc.js';
import { buildEventJsonSchema } from '../../src/modules/events/index.js';

const root = resolve(import.meta.dirname, '../..');
const read = (file: string): string => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '(missing)');
const RUN_DOCS = 'run `npm run docs` to regenerate it, then commit the result';

/** The first-column values of the markdown table rows of a document, unwrapped from backticks. */
function firstColumn(markdown: string): string[] {
  return markdown.split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => (/^\| `([^`]+)`/.exec(line) as RegExpExecArray)[1] as string);
}

describe('docs/errors.md', () => {
  it('is what renderErrorsDoc() renders from the catalogue', () => {
    expect(read('docs/errors.md'), `docs/errors.md is out of date with src/shared/errors/catalogue.ts: ${RUN_DOCS}`).toBe(renderErrorsDoc());
  });

  it('lists exactly the catalogued codes, once each', () => {
    expect(firstColumn(renderErrorsDoc())).toEqual(Object.keys(ERROR_CATALOGUE));
  });
});

describe('docs/event-schema.v1.json', () => {
  it('is the JSON Schema the API serves at /v1/schema', () => {
    expect(read('docs/event-schema.v1.json'), `docs/event-schema.v1.json is out of date with the event model: ${RUN_DOCS}`)
      .toBe(`${JSON.stringify(buildEventJsonSchema(), null, 2)}\n`);
  });
});

describe('docs/config.md', () => {
  it('is what renderConfigDoc() renders from the config schema', () => {
    expect(read('docs/config.md'), `docs/config.md is out of date with src/config/config.schema.ts: ${RUN_DOCS}`).toBe(renderConfigDoc());
  });

  it('lists exactly the settings, once each, with their environment variables', () => {
    const doc = renderConfigDoc();
    expect(firstColumn(doc)).toEqual(SETTINGS.map((s) => s.key));
    for (const s of SETTINGS) expect(doc).toContain(`| \`${s.key}\` | \`${s.env}\` |`);
  });
});

// The module graph drawn in docs/architecture.md is what lint enforces; it must also be what the code does.
interface ModuleGraph { ok: boolean; reason?: string; nodes: Set<string>; edges: Map<string, Set<string>>; cycle?: string[] }
type GraphParser = (markdown: string) => ModuleGraph;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Module → modules its non-test code imports (relative imports, type-only ones included). */
function importedModules(): Map<string, Set<string>> {
  const modulesDir = join(root, 'src/modules');
  const edges = new Map<string, Set<string>>();
  for (const module of readdirSync(modulesDir).filter((m) => statSync(join(modulesDir, m)).isDirectory())) {
    edges.set(module, new Set());
    const files = listFiles(join(modulesDir, module)).filter((f) => f.endsWith('.ts') && !/\.(test|contract)\.ts$/.test(f));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) {
        const target = relative(modulesDir, resolve(dirname(file), m[1] as string)).split(sep);
        const other = target[0] as string;
        if (target.length > 1 && other !== '..' && other !== module) edges.get(module)?.add(other);
      }
    }
  }
  return edges;
}

const edgeList = (edges: Map<string, Set<string>>): string[] =>
  [...edges].flatMap(([a, bs]) => [...bs].map((b) => `${a} --> ${b}`)).sort();

describe('docs/architecture.md module graph', () => {
  it('draws every module, and exactly the module-to-module imports of non-test code, without a cycle', async () => {
    const rule = (await import(pathToFileURL(resolve(root, 'eslint-rules/module-boundaries.js')).href)) as { parseModuleGraph: GraphParser };
    const graph = rule.parseModuleGraph(read('docs/architecture.md'));
    expect(graph.ok, graph.reason).toBe(true);
    expect(graph.cycle, 'the module graph must be acyclic').toBeUndefined();
    const code = importedModules();
    expect([...graph.nodes].sort(), 'every module folder appears as a node of the graph (and no other node)').toEqual([...code.keys()].sort());
    expect(edgeList(graph.edges), 'the edges drawn in docs/architecture.md are the module imports in src/modules (update the graph with the code)')
      .toEqual(edgeList(code));
  });
});
