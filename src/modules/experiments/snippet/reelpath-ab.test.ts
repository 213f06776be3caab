/**
 * The browser / mini-program snippet, loaded as a plain script into a fresh `node:vm` context (no
 * module system), must hash exactly like GrowthBook and assign exactly like the domain's runExperiment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../../test/harness/data-dir.js';
import { runExperiment, type AssignableExperiment, type AssignmentContext } from '../domain/assignment/index.js';

interface SnippetAssignment { variationId: number; value: unknown; inExperiment: boolean; hashUsed: boolean }
interface RequestOptions {
  url: string;
  method: string;
  header: Record<string, string>;
  success: (res: { statusCode: number; data: unknown }) => void;
  fail: (err: { errMsg: string }) => void;
}
interface FetchOptions {
  endpoint: string;
  apiKey: string;
  key?: string;
  identity?: Record<string, string>;
  experiments?: string[];
  attributes?: Record<string, string>;
  expose?: boolean;
  request?: (options: RequestOptions) => void;
}
interface ReelpathAB {
  hash(seed: string, value: string, version: number): number | null;
  assign(experiment: AssignableExperiment, attributes?: Record<string, unknown>): SnippetAssignment;
  fetchAssignments(options: FetchOptions, callback: (err: Error | null, assignments: unknown) => void): void;
}

const SOURCE = readFileSync(join(import.meta.dirname, 'reelpath-ab.js'), 'utf8');

/** Runs the snippet as a classic script in a new context; `prelude` runs first (e.g. to remove Math.imul). */
function loadSnippet(globals: Record<string, unknown> = {}, prelude = ''): { api: ReelpathAB; context: Record<string, unknown> } {
  const context = createContext({ ...globals });
  if (prelude !== '') runInContext(prelude, context);
  runInContext(SOURCE, context, { filename: 'reelpath-ab.js' });
  return { api: (context as { ReelpathAB: ReelpathAB }).ReelpathAB, context: context as Record<string, unknown> };
}

interface Cases {
  hash: [string, string, number, number | null][];
  run: [string, AssignmentContext, AssignableExperiment, unknown, boolean, boolean][];
}
const dir = dataset('growthbook-sdk-cases');
const cases = dir === undefined ? undefined : (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Cases);
const all = (): Cases => cases as Cases;

/** What the snippet implements; run cases using anything else (conditions, forcing, filters…) are the server's. */
const SNIPPET_EXPERIMENT_KEYS = new Set(['key', 'variations', 'weights', 'coverage', 'hashAttribute', 'seed', 'hashVersion', 'namespace', 'ranges']);
const SNIPPET_CONTEXT_KEYS = new Set(['attributes']);

describe('reelpath-ab.js snippet', () => {
  it('is ES5 syntax (no arrows, classes, let/const, modules) and small', () => {
    const messages = new Linter().verify(SOURCE, [{ languageOptions: { ecmaVersion: 5, sourceType: 'script' } }]);
    expect(messages.filter((m) => m.fatal === true)).toEqual([]);
    expect(SOURCE).not.toMatch(/\bfetch\s*\(/);
    expect(Buffer.byteLength(SOURCE.slice(SOURCE.indexOf('(function (root)')))).toBeLessThan(5000);
  });

  it('defines ReelpathAB on the global object without a module system, and sets module.exports when there is one', () => {
    expect(typeof loadSnippet().api.assign).toBe('function');
    const module = { exports: {} as unknown };
    const { api } = loadSnippet({ module });
    expect(module.exports).toBe(api);
  });

  it.skipIf(dir === undefined)('hash passes every GrowthBook hash case, with and without Math.imul', () => {
    for (const prelude of ['', 'delete Math.imul;']) {
      const { api } = loadSnippet({}, prelude);
      const bad = all().hash.filter(([seed, value, version, expected]) => api.hash(seed, value, version) !== expected);
      expect({ prelude, bad }).toEqual({ prelude, bad: [] });
    }
  });

  it.skipIf(dir === undefined)('assign agrees with runExperiment on every run case using only snippet features', () => {
    const { api } = loadSnippet();
    const comparable = all().run.filter(([, context, experiment]) =>
      Object.keys(experiment).every((k) => SNIPPET_EXPERIMENT_KEYS.has(k)) && Object.keys(context).every((k) => SNIPPET_CONTEXT_KEYS.has(k)));
    const bad = comparable
      .map(([name, context, experiment]) => {
        const d = runExperiment(context, experiment);
        const domain = { variationId: d.variationId, value: d.value, inExperiment: d.inExperiment, hashUsed: d.hashUsed };
        const snippet = api.assign(experiment, context.attributes);
        return { name, domain: JSON.stringify(domain), snippet: JSON.stringify(snippet) };
      })
      .filter((c) => c.domain !== c.snippet);
    expect(bad).toEqual([]);
    expect(comparable.length).toBeGreaterThanOrEqual(40);
  });

  it('fetchAssignments calls an injected wx.request-style function with the URL and bearer header', () => {
    const { api } = loadSnippet();
    const calls: RequestOptions[] = [];
    const results: [Error | null, unknown][] = [];
    api.fetchAssignments({
      endpoint: 'https://ab.example.com/api/',
      apiKey: 'rk_live_123',
      identity: { anonymousId: 'anon 1/2' },
      experiments: ['cover-v2', 'price'],
      attributes: { platform: 'douyin', city: 'hz' },
      request: (options) => { calls.push(options); },
    }, (err, assignments) => { results.push([err, assignments]); });
    expect(calls).toHaveLength(1);
    const call = calls[0] as RequestOptions;
    expect(call.url).toBe('https://ab.example.com/api/v1/assign?key=anon%3Aanon%201%2F2&experiments=cover-v2%2Cprice&platform=douyin&attr.city=hz');
    expect(call.method).toBe('GET');
    expect(call.header).toEqual({ Authorization: 'Bearer rk_live_123' });
    call.success({ statusCode: 200, data: { experiments: [{ key: 'cover-v2', variation: 'b' }], features: {} } });
    call.success({ statusCode: 200, data: { experiments: [] } });
    expect(JSON.stringify(results)).toBe('[[null,{"experiments":[{"key":"cover-v2","variation":"b"}],"features":{}}]]');
  });

  it('fetchAssignments reports HTTP errors, request failures and bad JSON through the callback', () => {
    const { api } = loadSnippet();
    const outcomes: string[] = [];
    const respond = (reply: (o: RequestOptions) => void): void => api.fetchAssignments(
      { endpoint: 'https://ab.example.com', apiKey: 'k', identity: { userId: 'u1' }, request: reply },
      (err, assignments) => { outcomes.push(err === null ? JSON.stringify(assignments) : err.message); },
    );
    respond((o) => o.success({ statusCode: 401, data: { error: 'unauthorized' } }));
    respond((o) => o.fail({ errMsg: 'request:fail timeout' }));
    respond((o) => o.success({ statusCode: 200, data: '{not json' }));
    respond((o) => o.success({ statusCode: 200, data: '{"features":{"a":0}}' }));
    expect(outcomes).toEqual(['reelpath-ab: HTTP 401', 'reelpath-ab: request:fail timeout', 'reelpath-ab: invalid JSON', '{"features":{"a":0}}']);
  });

  it('fetchAssignments falls back to XMLHttpRequest with the same URL and header', () => {
    const sent: { method: string; url: string; headers: Record<string, string> }[] = [];
    class FakeXhr {
      readyState = 0;
      status = 0;
      responseText = '';
      onreadystatechange: (() => void) | null = null;
      private method = '';
      private url = '';
      private headers: Record<string, string> = {};
      open(method: string, url: string): void { this.method = method; this.url = url; }
      setRequestHeader(name: string, value: string): void { this.headers[name] = value; }
      send(): void {
        sent.push({ method: this.method, url: this.url, headers: this.headers });
        this.readyState = 4;
        this.status = 200;
        this.responseText = '{"experiments":[]}';
        this.onreadystatechange?.();
      }
    }
    const { api } = loadSnippet({ XMLHttpRequest: FakeXhr });
    let answer = '';
    api.fetchAssignments({ endpoint: 'https://ab.example.com', apiKey: 'k2', identity: { userId: 'u-9' } }, (err, a) => { answer = `${String(err)} ${JSON.stringify(a)}`; });
    expect(sent).toEqual([{ method: 'GET', url: 'https://ab.example.com/v1/assign?key=user%3Au-9', headers: { Authorization: 'Bearer k2' } }]);
    expect(answer).toBe('null {"experiments":[]}');
  });
});
