import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../shared/errors/index.js';
import { loadConfig, redactConfig } from './config.js';

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rp-cfg-')), 'reelpath.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('loadConfig', () => {
  it('uses the schema defaults with no sources', () => {
    const c = loadConfig();
    expect(c.api.port).toBe(7420);
    expect(c.dataDir).toBe('.reelpath');
    expect(c.identity.maxLinksPerClass).toBe(5);
  });

  it('layers caller defaults < file < env < flags', () => {
    const file = configFile({ api: { port: 8001, host: '0.0.0.0' }, log: { level: 'error' }, events: { maxBatchSize: 7 } });
    const c = loadConfig({ file, defaults: { 'log.level': 'warn', 'api.host': '10.0.0.1' }, env: { REELPATH_PORT: '8002', REELPATH_MAX_BATCH: '9' }, flags: { 'events.maxBatchSize': '11' } });
    expect(c.api.host).toBe('0.0.0.0');
    expect(c.log.level).toBe('error');
    expect(c.api.port).toBe(8002);
    expect(c.events.maxBatchSize).toBe(11);
    expect(loadConfig({ defaults: { 'log.level': 'warn' } }).log.level).toBe('warn');
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ env: { REELPATH_PORT: '99999', REELPATH_LOG_LEVEL: 'loud', REELPATH_MAX_BATCH: 'ten', REELPATH_DB_URL: 'mysql://x' } });
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err) && err.code).toBe('config_invalid');
      const errors = (isAppError(err) ? err.details?.errors : []) as string[];
      expect(errors).toHaveLength(4);
      expect(errors.join('\n')).toMatch(/api\.port[\s\S]*events\.maxBatchSize[\s\S]*log\.level|dbUrl/);
    }
  });

  it('is frozen and redacts secrets for printing', () => {
    const c = loadConfig({ env: { REELPATH_DB_URL: 'postgres://app:hunter2@db:5432/rp', REELPATH_ADMIN_TOKEN: 'tok-123' } });
    expect(Object.isFrozen(c) && Object.isFrozen(c.api)).toBe(true);
    const printed = JSON.stringify(redactConfig(c));
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('tok-123');
    expect(printed).toContain('postgres://app:***@db:5432/rp');
  });

  it('picks Chinese from a zh locale when lang is auto', () => {
    expect(loadConfig({ env: { LANG: 'zh_CN.UTF-8' } }).lang).toBe('zh');
    expect(loadConfig({ env: { LANG: 'en_US.UTF-8' } }).lang).toBe('en');
    expect(loadConfig({ env: { LANG: 'zh_CN.UTF-8', REELPATH_LANG: 'en' } }).lang).toBe('en');
  });
});
