import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('OpenAPI document and pages', () => {
  it('GET /docs/json is an OpenAPI 3 document listing the public routes', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(String(doc.openapi)).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('Reelpath API');
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/v1/events'] ?? {})).toContain('post');
    expect(Object.keys(paths['/v1/funnel'] ?? {})).toContain('get');
    expect(Object.keys(paths['/v1/persons/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(Object.keys(paths['/v1/webhooks/{adapter}'] ?? {})).toContain('post');
    // Path parameters are declared, so generated clients can call these routes.
    const webhookParams = (paths['/v1/webhooks/{adapter}']?.post as { parameters?: { name: string; in: string }[] }).parameters ?? [];
    expect(webhookParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'adapter', in: 'path' })]));
    // Internal routes stay out of the document.
    expect(Object.keys(paths)).not.toContain('/');
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('GET /docs serves the HTML of the API explorer', async () => {
    let res = await t.server.inject({ method: 'GET', url: '/docs' });
    // swagger-ui may redirect /docs to /docs/ or /docs/static/index.html; follow it once.
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof res.headers.location === 'string') {
      const location = res.headers.location.startsWith('/') ? res.headers.location : `/docs/${res.headers.location.replace(/^\.\//, '')}`;
      res = await t.server.inject({ method: 'GET', url: location });
    }
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });

  it('GET / serves the dashboard with its Chinese and English titles', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    expect(res.body).toContain('Reelpath 短视频电商转化');
    expect(res.body).toContain('Reelpath short-video commerce');
  });

  it('the health routes need no key; /readyz names the engines', async () => {
    const health = await t.server.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.server.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    // startTestApp runs the embedded default engines.
    expect(ready.json()).toEqual({ status: 'ready', engines: { events: 'duckdb', transactional: 'sqlite', stock: 'sqlite' } });
  });
});
