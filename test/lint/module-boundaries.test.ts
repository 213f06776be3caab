import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// The real eslint.config.js, linting in-memory snippets as if they lived at the given path.
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
// A throwaway repository root for the cases that need their own architecture document.
let tmpRoot = '';

async function lint(file: string, code: string, engine: ESLint = eslint): Promise<Linter.LintMessage[]> {
  const [result] = await engine.lintText(code, { filePath: join(engine === eslint ? root : tmpRoot, file) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages;
}

const local = (messages: Linter.LintMessage[]): Linter.LintMessage[] =>
  messages.filter((m) => m.ruleId?.startsWith('local/') || m.ruleId?.startsWith('no-restricted'));

async function expectClean(file: string, code: string): Promise<void> {
  expect(local(await lint(file, code))).toEqual([]);
}

async function expectOne(file: string, code: string, rule: string, ...fragments: string[]): Promise<void> {
  const messages = local(await lint(file, code));
  expect(messages.map((m) => m.ruleId)).toEqual([rule]);
  for (const f of fragments) expect(messages[0]?.message).toContain(f);
}

describe('module-boundaries: modules', () => {
  it('lets a module import another module through its index.ts along a drawn edge', async () => {
    await expectClean('src/modules/funnels/funnels.service.ts', "import { EventsService } from '../events/index.js';\nexport { EventsService };");
    await expectClean('src/modules/funnels/funnels.service.ts', "import type { IdentityService } from '../identity/index.js';\nexport type { IdentityService };");
  });

  it("reports a module reaching into another module's internals, naming the index.ts to use", async () => {
    await expectOne('src/modules/funnels/funnels.service.ts', "import { BatchWriter } from '../events/batch-writer.js';\nexport { BatchWriter };",
      'local/module-boundaries', "internals of module 'events'", 'src/modules/events/index.ts', 'docs/architecture.md');
    // Type-only imports, re-exports and dynamic imports are dependencies too.
    await expectOne('src/modules/importer/domain/formats/x.ts', "import type { CanonicalEvent } from '../../../events/domain/event-model.js';\nexport type { CanonicalEvent };",
      'local/module-boundaries', 'src/modules/events/index.ts');
    await expectOne('src/modules/funnels/x.ts', "export * from '../events/store/events.duckdb.js';", 'local/module-boundaries', 'internals');
    await expectOne('src/modules/funnels/x.ts', "export const load = () => import('../events/events.service.js');", 'local/module-boundaries', 'internals');
    await expectOne('src/modules/funnels/x.ts', "import * as events from '../events';\nexport { events };", 'local/module-boundaries', 'src/modules/events/index.ts');
  });

  it('reports a module dependency that docs/architecture.md does not draw', async () => {
    await expectOne('src/modules/events/events.service.ts', "import { FunnelsService } from '../funnels/index.js';\nexport { FunnelsService };",
      'local/module-boundaries', 'no edge `events --> funnels`', 'acyclic', 'src/flows/');
    await expectOne('src/modules/tenants/tenants.service.ts', "import type { IdentityService } from '../identity/index.js';\nexport type { IdentityService };",
      'local/module-boundaries', 'no edge `tenants --> identity`');
  });

  it('reports a module importing a layer above it', async () => {
    await expectOne('src/modules/events/events.service.ts', "import { loadConfig } from '../../config/index.js';\nexport { loadConfig };",
      'local/module-boundaries', "Module 'events' may not import src/config/", 'receive config values');
  });
});

describe('module-boundaries: domain/ is pure', () => {
  const file = 'src/modules/identity/domain/link-planner.ts';

  it('allows shared code, its own module and other modules along drawn edges', async () => {
    await expectClean(file, [
      "import { hash53 } from '../../../shared/hashing.js';",
      "import { createHash } from 'node:crypto';",
      "import { pairId } from './pairs.js';",
      "import type { IdentityStore } from '../identity.store.js';",
      "import { parseIdentityKey } from '../../events/index.js';",
      'export { hash53, createHash, pairId, parseIdentityKey };',
      'export type { IdentityStore };',
    ].join('\n'));
  });

  it('reports I/O built-ins, npm packages, storage, store adapters and logging', async () => {
    await expectOne(file, "import { readFileSync } from 'node:fs';\nexport { readFileSync };", 'local/module-boundaries', 'domain/ is pure', "'node:fs' does I/O");
    await expectOne(file, "import { request } from 'http';\nexport { request };", 'local/module-boundaries', "'http' does I/O");
    await expectOne(file, "import { Worker } from 'node:worker_threads';\nexport { Worker };", 'local/module-boundaries', 'does I/O');
    await expectOne(file, "import pino from 'pino';\nexport { pino };", 'local/module-boundaries', 'may import no npm package');
    await expectOne(file, "import type { SqlDb } from '../../../storage/sql-db.js';\nexport type { SqlDb };", 'local/module-boundaries', 'may not import storage');
    await expectOne(file, "import { SqlIdentityStore } from '../store/identity.sql.js';\nexport { SqlIdentityStore };", 'local/module-boundaries', "its module's store/ adapters");
    await expectOne(file, "import { createLogger } from '../../../shared/logging/logger.js';\nexport { createLogger };", 'local/module-boundaries', 'shared/logging/');
  });

  it('reports reading the clock or randomness', async () => {
    await expectOne(file, 'export const t = Date.now();', 'no-restricted-properties', 'Clock');
    await expectOne(file, 'export const r = Math.random();', 'no-restricted-properties', 'Rng');
    await expectOne(file, 'export const d = new Date();', 'no-restricted-syntax', 'reads the clock');
    await expectClean(file, 'export const d = new Date(0);');
  });
});

describe('module-boundaries: layers', () => {
  it('keeps src/shared/ at the bottom', async () => {
    await expectOne('src/shared/money.ts', "import { EVENT_NAMES } from '../modules/events/index.js';\nexport { EVENT_NAMES };",
      'local/module-boundaries', 'src/shared/ is the bottom layer');
    await expectOne('src/shared/errors/x.ts', "import type { App } from '../../app/app.js';\nexport type { App };", 'local/module-boundaries', 'src/shared/ may not import src/app/');
    await expectClean('src/shared/errors/x.ts', "import { hash53 } from '../hashing.js';\nexport { hash53 };");
  });

  it('lets storage import only shared', async () => {
    await expectOne('src/storage/sqlite-db.ts', "import type { Config } from '../config/index.js';\nexport type { Config };", 'local/module-boundaries', 'may import only src/shared/');
    await expectClean('src/storage/sqlite-db.ts', "import { AppError } from '../shared/errors/index.js';\nexport { AppError };");
  });

  it('lets flows reach modules only through index.ts', async () => {
    await expectClean('src/flows/x.flow.ts', "import type { EventsService } from '../modules/events/index.js';\nexport type { EventsService };");
    await expectOne('src/flows/x.flow.ts', "import { validateEvent } from '../modules/events/domain/event-validate.js';\nexport { validateEvent };",
      'local/module-boundaries', 'src/modules/events/index.ts');
  });

  it('lets api and cli use index.ts, flows, app, config, shared and web, and cli also bench', async () => {
    await expectClean('src/api/x.routes.ts', [
      "import { ingestBatch } from '../flows/ingest-events.flow.js';",
      "import type { App } from '../app/app.js';",
      "import { SETTINGS } from '../config/index.js';",
      "import { renderDashboard } from '../web/dashboard-page.js';",
      "import { EVENT_NAMES } from '../modules/events/index.js';",
      'export { ingestBatch, SETTINGS, renderDashboard, EVENT_NAMES };',
      'export type { App };',
    ].join('\n'));
    await expectOne('src/api/x.routes.ts', "import { openSqlite } from '../storage/sqlite-db.js';\nexport { openSqlite };", 'local/module-boundaries', 'src/api/ (HTTP routes) may import');
    await expectOne('src/api/x.routes.ts', "import { run } from '../../bench/ingest.bench.js';\nexport { run };", 'local/module-boundaries', 'may not import bench/');
    await expectClean('src/cli/commands/bench.command.ts', "import { run } from '../../../bench/ingest.bench.js';\nexport { run };");
    await expectOne('src/cli/commands/x.command.ts', "import { SqlTenantStore } from '../../modules/tenants/store/tenants.sql.js';\nexport { SqlTenantStore };",
      'local/module-boundaries', 'src/modules/tenants/index.ts');
  });

  it('lets only the composition root pick store adapters', async () => {
    await expectClean('src/app/app.ts', "import { SqlTenantStore } from '../modules/tenants/store/tenants.sql.js';\nexport { SqlTenantStore };");
    await expectOne('src/app/app.ts', "import { TenantsService } from '../modules/tenants/tenants.service.js';\nexport { TenantsService };",
      'local/module-boundaries', 'src/modules/tenants/index.ts');
    await expectOne('src/app/app.ts', "import { buildServer } from '../api/server.js';\nexport { buildServer };", 'local/module-boundaries', 'opens no sockets');
  });

  it('keeps production code off test helpers', async () => {
    await expectOne('src/modules/events/x.ts', "import { eventBuilder } from '../../../test/builders/events.builder.js';\nexport { eventBuilder };",
      'local/module-boundaries', 'tsconfig.build.json excludes test/');
  });

  it('exempts tests, contract suites and test/', async () => {
    const internal = "import { BatchWriter } from '../events/batch-writer.js';\nexport { BatchWriter };";
    await expectClean('src/modules/funnels/funnels.service.test.ts', internal);
    await expectClean('src/modules/funnels/funnels.store.contract.ts', internal);
    await expectClean('test/api/x.test.ts', "import { BatchWriter } from '../../src/modules/events/batch-writer.js';\nexport { BatchWriter };");
  });
});

describe('no-process-env', () => {
  const read = 'export const port = process.env.REELPATH_PORT;';

  it('reports process.env outside config, the CLI edge, bench and tests', async () => {
    await expectOne('src/modules/events/events.service.ts', read, 'local/no-process-env', 'src/config/config.schema.ts');
    await expectOne('src/cli/commands/serve.command.ts', read, 'local/no-process-env', 'loadConfig');
    await expectOne('src/api/server.ts', "export const { env } = process;", 'local/no-process-env');
    await expectOne('src/api/server.ts', "export const e = process['env'];", 'local/no-process-env');
  });

  it('allows it where the environment enters', async () => {
    await expectClean('src/config/config.ts', read);
    await expectClean('src/cli/program.ts', read);
    await expectClean('src/cli/cli-context.ts', read);
    await expectClean('bench/ingest.bench.ts', read);
    await expectClean('src/modules/events/events.service.test.ts', read);
    await expectClean('test/harness/x.ts', read);
  });
});

describe('module-boundaries: the graph in the architecture document', () => {
  const engineFor = (doc: string): ESLint => new ESLint({
    cwd: tmpRoot,
    overrideConfigFile: true,
    overrideConfig: [{
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { local: localPlugin },
      rules: { 'local/module-boundaries': ['error', { root: tmpRoot, architectureDoc: doc }] },
    }],
  });
  let localPlugin: ESLint.Plugin;

  beforeAll(async () => {
    tmpRoot = mkdtempSync(join(tmpdir(), 'reelpath-lint-'));
    mkdirSync(join(tmpRoot, 'docs'));
    const doc = (body: string): string => `# Architecture\n\n\`\`\`mermaid\ngraph TD\n${body}\n\`\`\`\n`;
    writeFileSync(join(tmpRoot, 'docs/acyclic.md'), doc('  a --> b\n  b --> c[module c]\n  d'));
    writeFileSync(join(tmpRoot, 'docs/cyclic.md'), doc('  a --> b\n  b --> c\n  c --> a\n  d --> a'));
    writeFileSync(join(tmpRoot, 'docs/no-graph.md'), '# Architecture\n\nNo diagram yet.\n');
    localPlugin = ((await import(pathToFileURL(resolve(root, 'eslint-rules/index.js')).href)) as { default: ESLint.Plugin }).default;
  });

  afterAll(() => {
    if (tmpRoot) rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('follows the edges it reads, including chained and labelled nodes', async () => {
    const engine = engineFor('docs/acyclic.md');
    expect(await lint('src/modules/b/b.service.ts', "import { c } from '../c/index.js';\nexport { c };", engine)).toEqual([]);
    const reverse = await lint('src/modules/c/c.service.ts', "import { b } from '../b/index.js';\nexport { b };", engine);
    expect(reverse.map((m) => m.message)).toEqual([expect.stringContaining('docs/architecture.md draws no edge `c --> b`')]);
    // Edges are not transitive: a reaches c only through b.
    expect(await lint('src/modules/a/a.service.ts', "import { c } from '../c/index.js';\nexport { c };", engine)).toHaveLength(1);
  });

  it("reports a cycle on the index.ts of each module in it, and nowhere else", async () => {
    const engine = engineFor('docs/cyclic.md');
    for (const m of ['a', 'b', 'c']) {
      const messages = await lint(`src/modules/${m}/index.ts`, 'export const x = 1;', engine);
      expect(messages.map((x) => x.message)).toEqual([expect.stringMatching(/has a cycle: (a --> b --> c --> a|b --> c --> a --> b|c --> a --> b --> c)/)]);
    }
    expect(await lint('src/modules/d/index.ts', 'export const x = 1;', engine)).toEqual([]);
    expect(await lint('src/modules/a/a.service.ts', 'export const x = 1;', engine)).toEqual([]);
  });

  it('reports a document without a graph, and then allows no module edges', async () => {
    const engine = engineFor('docs/no-graph.md');
    const index = await lint('src/modules/a/index.ts', 'export const x = 1;', engine);
    expect(index.map((m) => m.message)).toEqual([expect.stringContaining('docs/no-graph.md cannot be used')]);
    expect(await lint('src/modules/a/a.service.ts', "import { b } from '../b/index.js';\nexport { b };", engine)).toHaveLength(1);
  });
});
