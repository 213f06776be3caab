/**
 * ESLint rule `local/module-boundaries`: enforces the dependency rule of STYLE.md, as documented in
 * docs/architecture.md ("What runs where" and "Module graph").
 *
 * Every relative import in `src/` and `bench/` is resolved to a repository path and checked:
 * - a module reaches another module only through `src/modules/<b>/index.ts`, and only along an edge
 *   `<a> --> <b>` drawn in the ```mermaid block of docs/architecture.md (read once per lint run; a
 *   cycle or an unreadable graph is reported on each module's `index.ts`);
 * - `domain/` imports no I/O built-ins, no npm package, no `src/storage/`, no own `store/`, no logging;
 * - each layer (shared, storage, config, web, flows, app, api, cli, main, bench) imports only the
 *   layers listed in LAYER_RULES below.
 * Test files (`*.test.ts`, `*.contract.ts`, `test/**`) are exempt.
 *
 * Options: `{ root?: string, architectureDoc?: string }` — the repository root (default: ESLint's cwd)
 * and the path of the architecture document (default `docs/architecture.md`, relative to root).
 */
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const DOC = 'docs/architecture.md';

/** Node built-ins that do I/O (or start processes/threads): never in `domain/`. */
const IO_BUILTINS = new Set([
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'worker_threads', 'cluster',
  'dgram', 'dns', 'dns/promises', 'tls', 'readline', 'readline/promises',
]);
const BUILTINS = new Set(builtinModules);

/** Layers directly under `src/` (plus the bin entry and the benchmarks folder). */
const LAYERS = ['shared', 'storage', 'config', 'web', 'flows', 'app', 'api', 'cli'];

const MODULE_INDEX = 'module-index';
const MODULE_STORE = 'module-store';

/**
 * What each layer may import besides itself, and why. `module-index` is a module's `index.ts`;
 * `module-store` a module's `store/` adapters (only the composition root picks adapters).
 */
const LAYER_RULES = {
  shared: {
    allow: [],
    why: 'src/shared/ is the bottom layer (errors, ids, money, time, hashing, logging — no domain words): it may import only src/shared/ and npm packages, so everything else can depend on it without cycles.',
  },
  storage: {
    allow: ['shared'],
    why: 'src/storage/ holds drivers and dialects only, no domain SQL: it may import only src/shared/. Modules bring their own SQL to the drivers.',
  },
  config: {
    allow: ['shared'],
    why: 'src/config/ is the one config loader: it may import only src/shared/. The composition root hands config values to modules.',
  },
  web: {
    allow: [],
    why: 'src/web/ is the browser app (built by Vite, DOM types): it imports only its own files and npm packages; data reaches it through the HTTP API and the live board\'s server-sent events.',
  },
  flows: {
    allow: [MODULE_INDEX, 'shared'],
    why: 'src/flows/ holds writes that span modules: it may import modules through their index.ts and src/shared/. Flows receive their services as arguments; they do not build them (src/app/) or serve them (src/api/, src/cli/).',
  },
  app: {
    allow: [MODULE_INDEX, MODULE_STORE, 'flows', 'config', 'storage', 'shared'],
    why: 'src/app/ is the composition root, the only place that picks adapters: it may import modules\' index.ts and their store/ adapters, src/flows/ (to wire the cross-module loops it owns: alert evaluation and delivery), src/config/, src/storage/ and src/shared/. It opens no sockets, so it does not import src/api/ or src/cli/.',
  },
  api: {
    allow: [MODULE_INDEX, 'flows', 'app', 'config', 'shared', 'web'],
    why: 'src/api/ (HTTP routes) may import modules through their index.ts, src/flows/, src/app/, src/config/, src/shared/ and src/web/ — never storage drivers or the CLI.',
  },
  cli: {
    allow: [MODULE_INDEX, 'flows', 'app', 'api', 'config', 'shared', 'web', 'bench'],
    why: 'src/cli/ (one file per command) may import modules through their index.ts, src/flows/, src/app/, src/api/ (to serve it), src/config/, src/shared/, src/web/ and bench/ — never storage drivers.',
  },
  main: {
    allow: ['cli'],
    why: 'src/main.ts is the bin entry: it only starts the CLI.',
  },
  bench: {
    allow: [MODULE_INDEX, 'shared', 'storage', 'config', 'web', 'flows', 'app', 'api', 'cli', 'bench'],
    why: 'bench/ drives the whole application like a user would; it may import modules only through their index.ts.',
  },
};

const toPosix = (p) => p.split(path.sep).join('/');

/** Classifies a repository-relative path (posix) into its layer, module and role. */
export function classifyPath(rel) {
  if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return { layer: 'outside' };
  const parts = rel.split('/');
  if (parts[0] === 'test') return { layer: 'test' };
  if (parts[0] === 'bench') return { layer: 'bench' };
  if (parts[0] !== 'src') return { layer: 'outside' };
  if (parts.length === 2 && /^main\.[jt]s$/.test(parts[1])) return { layer: 'main' };
  if (parts[1] === 'modules' && parts.length >= 3) {
    const module = parts[2];
    const inner = parts.slice(3);
    const isIndex = inner.length === 1 && /^index\.[jt]s$/.test(inner[0]);
    return {
      layer: 'module', module, isIndex,
      domain: inner[0] === 'domain' && inner.length > 1,
      store: inner[0] === 'store' && inner.length > 1,
    };
  }
  if (LAYERS.includes(parts[1]) && parts.length >= 3) {
    return { layer: parts[1], logging: parts[1] === 'shared' && parts[2] === 'logging' };
  }
  return { layer: 'src-other', folder: parts[1] };
}

/** True for files the rule does not check: tests, contract suites, the test folder. */
export function isExempt(rel) {
  return rel.startsWith('test/') || /\.(test|contract)\.[cm]?[jt]s$/.test(rel);
}

/** Extracts the module edges from the first ```mermaid graph block of a markdown text. */
export function parseModuleGraph(markdown) {
  const blocks = [...markdown.matchAll(/```mermaid\s*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => /^\s*(graph|flowchart)\b/.test(b));
  if (block === undefined) return { ok: false, reason: 'it has no ```mermaid block starting with `graph TD`' };
  const nodes = new Set();
  const edges = new Map();
  const nodeId = (text) => text.trim().replace(/[[({].*$/, '').trim();
  // Supported syntax: `graph TD`, one node per line (`name` or `name[label]`) or edges `a --> b`
  // (chains `a --> b --> c` and edge labels `a -->|text| b` too), `%%` comments.
  for (const raw of block.split('\n')) {
    const line = raw.replace(/%%.*$/, '').trim();
    if (line === '' || /^(graph|flowchart|classDef|class|style|linkStyle|subgraph|end|direction)\b/.test(line)) continue;
    const ids = line.split(/\s*-->\s*(?:\|[^|]*\|\s*)?/).map(nodeId).filter((s) => s !== '');
    for (const id of ids) nodes.add(id);
    for (let i = 0; i + 1 < ids.length; i++) {
      if (!edges.has(ids[i])) edges.set(ids[i], new Set());
      edges.get(ids[i]).add(ids[i + 1]);
    }
  }
  return { ok: true, nodes, edges, cycle: findCycle(nodes, edges) };
}

/** Returns one cycle as a list of nodes (first repeated at the end), or undefined when acyclic. */
export function findCycle(nodes, edges) {
  const state = new Map();
  const stack = [];
  const visit = (n) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const found = visit(m);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...nodes].sort()) {
    if (!state.has(n)) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return undefined;
}

const graphCache = new Map();

/** Reads and parses the graph once per lint run (again only when the file changes, for editors). */
function loadGraph(docPath) {
  let mtime;
  try {
    mtime = statSync(docPath).mtimeMs;
  } catch (err) {
    return { ok: false, reason: `it could not be read (${err.code ?? err.message})` };
  }
  const cached = graphCache.get(docPath);
  if (cached && cached.mtime === mtime) return cached.graph;
  const graph = parseModuleGraph(readFileSync(docPath, 'utf8'));
  graphCache.set(docPath, { mtime, graph });
  return graph;
}

function describe(target) {
  switch (target.layer) {
    case 'module': return target.isIndex ? `module '${target.module}' (index.ts)` : `the internals of module '${target.module}'`;
    case 'main': return 'src/main.ts';
    case 'bench': return 'bench/';
    case 'test': return 'test/';
    default: return `src/${target.layer}/`;
  }
}

const SEE = 'See docs/architecture.md.';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the module boundaries and layer rules of docs/architecture.md' },
    schema: [{
      type: 'object',
      properties: { root: { type: 'string' }, architectureDoc: { type: 'string' } },
      additionalProperties: false,
    }],
    messages: {
      moduleInternals:
        "'{{source}}' reaches into the internals of module '{{target}}'. Import it through src/modules/{{target}}/index.ts, the module's only public surface, so the module can change its insides without breaking you. " + SEE,
      moduleEdge:
        "Module '{{from}}' may not import module '{{to}}': docs/architecture.md draws no edge `{{from}} --> {{to}}`. Modules depend on each other only along the drawn edges, and the graph must stay acyclic. Draw the edge there if the dependency is intended and keeps the graph acyclic, or move the code that needs both into a flow in src/flows/. " + SEE,
      moduleUpward:
        "Module '{{from}}' may not import {{what}} ('{{source}}'): modules sit below flows, the composition root, the API and the CLI, and receive config values and services as arguments. A module may import src/shared/, src/storage/ (its store adapters), npm packages, and other modules' index.ts along the drawn edges. " + SEE,
      domainIo:
        "src/modules/{{module}}/domain/ is pure (no I/O, no clock, no randomness) so it can be tested without a database or network; '{{source}}' does I/O. Do the I/O in the module's service or store/ adapter and pass plain data in. " + SEE,
      domainPackage:
        "src/modules/{{module}}/domain/ may import no npm package ('{{source}}'): domain code is pure TypeScript over src/shared/ and other modules' index.ts. Use the package in the service or store/ layer and pass plain data in. " + SEE,
      domainStorage:
        "src/modules/{{module}}/domain/ may not import storage ('{{source}}'): domain functions take data and return data; the module's store/ adapters talk to the database. " + SEE,
      domainStore:
        "src/modules/{{module}}/domain/ may not import its module's store/ adapters ('{{source}}'): the service loads what the domain needs through the port and passes it in. " + SEE,
      domainLogging:
        "src/modules/{{module}}/domain/ may not import src/shared/logging/ ('{{source}}'): logging is a side effect; return what happened as a value and let the service log it. " + SEE,
      layer:
        "{{from}} may not import {{what}} ('{{source}}'). {{why}} " + SEE,
      productionImportsTest:
        "{{from}} may not import from test/ ('{{source}}'): test helpers are not part of the build (tsconfig.build.json excludes test/). Move the helper into src/ or import it only from tests. " + SEE,
      unknownFolder:
        "src/{{folder}}/ is not a layer the module-boundaries rule knows ('{{source}}'). Put the file in one of the layers of docs/architecture.md, or add the layer to the table there and to eslint-rules/module-boundaries.js.",
      graphUnreadable:
        "The module graph in {{doc}} cannot be used: {{reason}}. Module-to-module imports are checked against its edges, so none are allowed until it is fixed. " + SEE,
      graphCycle:
        "The module graph in {{doc}} has a cycle: {{cycle}}. Module dependencies must be acyclic; remove one of these edges (move the shared logic into a flow in src/flows/ or into the lower module).",
    },
  },

  create(context) {
    const options = context.options[0] ?? {};
    const root = path.resolve(options.root ?? context.cwd);
    const docPath = path.resolve(root, options.architectureDoc ?? DOC);
    const docLabel = toPosix(path.relative(root, docPath));
    const file = path.resolve(context.filename);
    const rel = toPosix(path.relative(root, file));
    if (isExempt(rel)) return {};
    const self = classifyPath(rel);
    if (self.layer === 'outside' || self.layer === 'test' || self.layer === 'src-other') return {};
    const graph = loadGraph(docPath);

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) { checkBare(node, source); return; }
      const targetRel = toPosix(path.relative(root, path.resolve(path.dirname(file), source)));
      const target = classifyPath(targetRel);
      if (target.layer === 'outside') return;
      if (target.layer === 'test') {
        context.report({ node, messageId: 'productionImportsTest', data: { from: describe(self), source } });
        return;
      }
      if (target.layer === 'src-other') {
        context.report({ node, messageId: 'unknownFolder', data: { folder: target.folder, source } });
        return;
      }
      if (self.layer === 'module') checkFromModule(node, source, target);
      else checkFromLayer(node, source, target);
    }

    function checkBare(node, source) {
      if (self.layer !== 'module' || !self.domain) return;
      const name = source.startsWith('node:') ? source.slice(5) : source;
      const isBuiltin = source.startsWith('node:') || BUILTINS.has(name);
      if (isBuiltin && IO_BUILTINS.has(name)) context.report({ node, messageId: 'domainIo', data: { module: self.module, source } });
      else if (!isBuiltin) context.report({ node, messageId: 'domainPackage', data: { module: self.module, source } });
    }

    function checkFromModule(node, source, target) {
      const data = { module: self.module, source };
      if (target.layer === 'module' && target.module === self.module) {
        if (self.domain && target.store) context.report({ node, messageId: 'domainStore', data });
        return;
      }
      if (target.layer === 'module') {
        if (!target.isIndex) {
          context.report({ node, messageId: 'moduleInternals', data: { source, target: target.module } });
          return;
        }
        const allowed = graph.ok && graph.edges.get(self.module)?.has(target.module);
        if (!allowed) context.report({ node, messageId: 'moduleEdge', data: { from: self.module, to: target.module } });
        return;
      }
      if (target.layer === 'shared') {
        if (self.domain && target.logging) context.report({ node, messageId: 'domainLogging', data });
        return;
      }
      if (target.layer === 'storage') {
        if (self.domain) context.report({ node, messageId: 'domainStorage', data });
        return;
      }
      context.report({ node, messageId: 'moduleUpward', data: { from: self.module, what: describe(target), source } });
    }

    function checkFromLayer(node, source, target) {
      const rule = LAYER_RULES[self.layer];
      if (!rule) return;
      let kind = target.layer;
      if (target.layer === 'module') {
        if (target.isIndex) kind = MODULE_INDEX;
        else if (target.store) kind = MODULE_STORE;
        else kind = 'module-internal';
      }
      if (kind === self.layer || rule.allow.includes(kind)) return;
      if (target.layer === 'module' && rule.allow.includes(MODULE_INDEX)) {
        // This layer may use the module, but only through its index.ts.
        context.report({ node, messageId: 'moduleInternals', data: { source, target: target.module } });
        return;
      }
      context.report({ node, messageId: 'layer', data: { from: describe(self), what: describe(target), source, why: rule.why } });
    }

    const fromSource = (node) => check(node.source ?? node, node.source?.value);
    return {
      Program(node) {
        if (self.layer !== 'module' || !self.isIndex) return;
        if (!graph.ok) {
          context.report({ node, loc: { line: 1, column: 0 }, messageId: 'graphUnreadable', data: { doc: docLabel, reason: graph.reason } });
        } else if (graph.cycle?.includes(self.module)) {
          context.report({ node, loc: { line: 1, column: 0 }, messageId: 'graphCycle', data: { doc: docLabel, cycle: graph.cycle.join(' --> ') } });
        }
      },
      ImportDeclaration: fromSource,
      ExportNamedDeclaration(node) { if (node.source) fromSource(node); },
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      TSImportType(node) {
        const lit = node.source ?? node.argument?.literal;
        if (lit?.type === 'Literal') check(lit, lit.value);
      },
    };
  },
};
