import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The folder holding package.json above `from` (this file's folder by default): the package root both
 * when running from src/api/ (vitest, tsx) and from dist/src/api/ (the built CLI).
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** Vite names assets by content hash, so a name never changes content: cache for a year. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: revalidate it every time (cheap with the ETag). */
const PAGE_CACHE = 'no-cache';
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

interface StaticFile { readonly body: Buffer; readonly gzip: Buffer | null; readonly type: string; readonly etag: string; readonly mtimeMs: number }

/**
 * Built files read once and gzipped once, kept while their modification time is unchanged. Bounded by
 * the size of dist/web (a few hundred kB).
 */
const files = new Map<string, StaticFile>();

async function load(path: string): Promise<StaticFile | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const cached = files.get(path);
  if (cached && cached.mtimeMs === info.mtimeMs) return cached;
  const body = await readFile(path);
  const ext = extname(path);
  const file: StaticFile = {
    body, type: TYPES[ext] ?? 'application/octet-stream', mtimeMs: info.mtimeMs,
    gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null,
    etag: `W/"${body.length.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
  };
  files.set(path, file);
  return file;
}

/** Whether the client takes gzip (`Accept-Encoding: gzip`, not refused with q=0). */
function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+\s*)?(,|$)/i.test(accept);
}

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string): FastifyReply {
  void reply.header('content-type', file.type).header('cache-control', cacheControl).header('etag', file.etag).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  if (file.gzip && acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

/** The answer at `/` when the dashboard was never built (a checkout without `npm run build`). */
const NOT_BUILT_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Reelpath</title></head>
<body style="font-family:sans-serif;max-width:640px;margin:48px auto;line-height:1.6">
<h1>Reelpath 短视频电商转化 · Reelpath short-video commerce</h1>
<p>仪表盘尚未构建：请在项目目录运行 <code>npm run build</code>（<code>npm install</code> 时也会自动构建），然后刷新本页。API 不受影响，文档见 <a href="/docs">/docs</a>。</p>
<p>The dashboard has not been built: run <code>npm run build</code> in the project folder (<code>npm install</code> also builds it), then reload this page. The API works without it; see <a href="/docs">/docs</a>.</p>
</body></html>`;

/**
 * The dashboard (ADR 0010): the Vite build in `dist/web/` — `index.html` at `/`, the buyer's provenance
 * page `trace.html` at `/trace/:code` (both revalidated every time), and the hashed files under
 * `/assets/*` with year-long cache headers, gzipped when the client accepts it. Without a build, the
 * pages answer 503 with a bilingual page that says to run `npm run build`.
 */
export function registerWebRoutes(server: FastifyInstance, webDir: string = join(packageRoot(), 'dist', 'web')): void {
  const servePage = (name: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const page = await load(join(webDir, name));
    void reply.headers(SECURITY_HEADERS);
    if (!page) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_HTML);
    return send(request, reply, page, PAGE_CACHE);
  };
  server.get('/', { schema: { hide: true } }, servePage('index.html'));
  // The buyer's provenance page (issue 8): one HTML for every code; the page reads the code from its
  // path and fetches /v1/trace/public/<code> itself, so an unknown code gets the page's bilingual "not found".
  server.get('/trace/:code', { schema: { hide: true } }, servePage('trace.html'));

  server.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const name = request.params['*'];
    const file = ASSET_NAME.test(name) ? await load(join(webDir, 'assets', name)) : undefined;
    // An unknown file answers like any unknown route (the catalogued api_not_found).
    if (!file) return reply.callNotFound();
    return send(request, reply, file, ASSET_CACHE);
  });
}
