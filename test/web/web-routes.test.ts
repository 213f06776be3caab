import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, registerWebRoutes } from '../../src/api/web.routes.js';
import { registerErrorHandler } from '../../src/api/error-handler.js';

// How the API serves the dashboard's Vite build (ADR 0010), over a stand-in build in a temp folder so
// the test does not depend on `npm run build` having run.
let dir: string;
let server: FastifyInstance;
const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rp-web-'));
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>Reelpath</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'web', 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dir, 'web', 'trace.html'), '<!doctype html><title>Trace</title><script type="module" src="/assets/trace-def456.js"></script>');
  writeFileSync(join(dir, 'package.json'), '{}');
  mkdirSync(join(dir, 'dist', 'src', 'api'), { recursive: true });
  server = Fastify();
  registerErrorHandler(server);
  registerWebRoutes(server, join(dir, 'web'));
  await server.ready();
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard routes', () => {
  it('serves index.html at / for revalidation, with a Content-Security-Policy', async () => {
    const res = await server.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("form-action 'none'");
    expect(res.body).toContain('/assets/index-abc123.js');
    const again = await server.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('serves trace.html at /trace/<code> for any code, with the same revalidation and security headers', async () => {
    for (const url of ['/trace/TR-7Q2M9', '/trace/%E4%B8%AD%E6%96%87']) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body).toContain('/assets/trace-def456.js');
      expect(res.body).not.toContain('/assets/index-abc123.js');
      const again = await server.inject({ method: 'GET', url, headers: { 'if-none-match': String(res.headers.etag) } });
      expect(again.statusCode).toBe(304);
    }
    // Only one path segment: deeper paths are not the page.
    expect((await server.inject({ method: 'GET', url: '/trace/a/b' })).json().error.code).toBe('api_not_found');
  });

  it('serves hashed assets with a year-long cache, gzipped only for clients that accept it', async () => {
    const gz = await server.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(gz.rawPayload.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    for (const accept of [undefined, 'identity', 'gzip;q=0']) {
      const plain = await server.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: accept ? { 'accept-encoding': accept } : {} });
      expect(plain.headers['content-encoding'], accept).toBeUndefined();
      expect(plain.body).toBe(script);
    }
  });

  it('answers the catalogued api_not_found for unknown files and paths outside the build', async () => {
    for (const url of ['/assets/nope.js', '/assets/..%2Fpackage.json', '/assets/.hidden', '/assets/a/b.js']) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('api_not_found');
    }
  });

  it('without a build, / says in both languages to run npm run build', async () => {
    const bare = Fastify();
    registerWebRoutes(bare, join(dir, 'missing'));
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('npm run build');
    expect(res.body).toContain('仪表盘尚未构建');
    expect(res.body).toContain('The dashboard has not been built');
    const trace = await bare.inject({ method: 'GET', url: '/trace/TR-1' });
    expect(trace.statusCode).toBe(503);
    expect(trace.body).toContain('npm run build');
    await bare.close();
  });

  it('finds the package root from src/api/ and from dist/src/api/', () => {
    expect(packageRoot(join(dir, 'dist', 'src', 'api'))).toBe(dir);
    expect(packageRoot()).toBe(packageRoot(join(packageRoot(), 'src', 'api')));
  });
});
