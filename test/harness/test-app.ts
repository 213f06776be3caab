import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp, type App } from '../../src/app/app.js';
import { buildServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/shared/logging/logger.js';
import type { Clock } from '../../src/shared/time.js';

export interface TestApp {
  readonly app: App;
  readonly server: FastifyInstance;
  readonly dataDir: string;
  readonly writeKey: string;
  readonly secretKey: string;
  /** POSTs events as JSON (or NDJSON / gzip) with a key. */
  ingest(body: unknown, opts?: { key?: string; ndjson?: boolean; gzip?: boolean; contentType?: string }): Promise<LightMyRequestResponse>;
  get(url: string, key?: string): Promise<LightMyRequestResponse>;
  /** Serves the app on a loopback port (for browsers and real sockets); returns its base URL, `http://127.0.0.1:<port>/`. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real app with embedded stores in a temp folder (or PostgreSQL when `dbUrl` is given),
 * creates tenant `t1` with keys, and returns in-process request helpers. Only the clock may be faked.
 */
export async function startTestApp(options: { env?: Record<string, string>; clock?: Clock; wallClock?: Clock; keepDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'rp-app-'));
  const config = loadConfig({ env: { REELPATH_DATA: dataDir, REELPATH_LOG_LEVEL: 'silent', REELPATH_ADMIN_TOKEN: 'admin-test-token', ...options.env } });
  const app = await createApp(config, { logger: createLogger('silent'), ...(options.clock ? { clock: options.clock } : {}), ...(options.wallClock ? { wallClock: options.wallClock } : {}) });
  const server = await buildServer(app);
  await server.ready();
  let writeKey = '';
  let secretKey = '';
  if ((await app.tenants.listTenants()).length === 0) {
    const created = await app.tenants.createTenant('t1', 'Test shop');
    writeKey = created.writeKey;
    secretKey = created.secretKey;
  }
  return {
    app, server, dataDir, writeKey, secretKey,
    ingest(body, opts = {}) {
      let payload: string | Buffer = opts.ndjson ? (body as unknown[]).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') : typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = {
        'content-type': opts.contentType ?? (opts.ndjson ? 'application/x-ndjson' : 'application/json'),
        authorization: `Bearer ${opts.key ?? writeKey}`,
      };
      if (opts.gzip) { payload = gzipSync(payload); headers['content-encoding'] = 'gzip'; }
      return server.inject({ method: 'POST', url: '/v1/events', payload, headers });
    },
    get(url, key = secretKey) {
      return server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    },
    async listen() {
      await server.listen({ host: '127.0.0.1', port: 0 });
      return `http://127.0.0.1:${(server.server.address() as { port: number }).port}/`;
    },
    async close() {
      await server.close();
      await app.close();
      if (!options.keepDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
