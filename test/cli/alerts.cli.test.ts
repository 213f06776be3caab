import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/config/index.js';
import { LIVE_PROFILE, syntheticSeries, withStepFactor, type FunnelBucket } from '../../src/modules/alerts/index.js';
import { seededRng } from '../../src/shared/random.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';

// `reelpath alerts`: an alert raised by the real service on a data folder, then listed, acknowledged and
// its webhook endpoints managed from the command line.
let data = '';
let alertId = '';

beforeAll(async () => {
  data = makeDataDir('rp-alerts-cli-');
  expect((await runReelpath(['tenant', 'create', 'shop', '--data', data])).code).toBe(0);
  const app = await createApp(loadConfig({ env: { REELPATH_DATA: data, REELPATH_LOG_LEVEL: 'silent' } }));
  const T0 = Date.UTC(2025, 4, 20, 12, 0);
  const scope = { tenant: 'shop', creatorId: 'c1', liveId: 'l1', streamStartedAt: T0 };
  const history = [1, 2, 3, 4].flatMap((d) => syntheticSeries(seededRng(d), T0 - d * 86_400_000, 30, () => LIVE_PROFILE, T0 - d * 86_400_000));
  for (const current of syntheticSeries(seededRng(7), T0, 15, (m) => (m >= 10 ? withStepFactor(LIVE_PROFILE, 'order', 'pay', 0.05) : LIVE_PROFILE), T0)) {
    const { changes } = await app.alerts.evaluate({ tenant: 'shop', scope: 'live:l1', detectorScope: scope, history, current: current as FunnelBucket, now: current.start + 60_000 });
    for (const c of changes) alertId = c.alert.id;
  }
  await app.close();
});
afterAll(() => { removeDataDir(data); });

const reelpath = (args: string[], lang = 'en') => runReelpath([...args, '--tenant', 'shop', '--data', data, '--lang', lang]);

describe('reelpath alerts', () => {
  it('lists the firing alert with its diagnosis, in Chinese, and as JSON', async () => {
    const zh = await reelpath(['alerts'], 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('■ 告警');
    expect(zh.stdout).toMatch(new RegExp(`${alertId}\\s+告警中\\s+live:l1\\s+rate\\.order\\.pay\\s+支付`));
    expect((await reelpath(['alerts', 'list', '--json'])).json().alerts.map((a: { id: string }) => a.id)).toEqual([alertId]);
  });

  it('acknowledges it by id, and says what is wrong with an unknown id (exit 3)', async () => {
    const ack = await reelpath(['alerts', 'ack', alertId, '--by', 'ops', '--json']);
    expect(ack.json()).toMatchObject({ id: alertId, status: 'acknowledged', acknowledgedBy: 'ops' });
    const missing = await reelpath(['alerts', 'ack', 'alr_nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('alerts_not_found');
  });

  it('adds, lists and removes webhook endpoints; the signing secret is printed once', async () => {
    const added = await reelpath(['alerts', 'hooks', 'add', 'https://ops.example/reelpath', '--json']);
    const endpoint = added.json();
    expect(endpoint.secret).toMatch(/^whsec_/);
    const listed = await reelpath(['alerts', 'hooks', '--json']);
    expect(listed.json()).toEqual([{ id: endpoint.id, tenant: 'shop', url: 'https://ops.example/reelpath', createdAt: endpoint.createdAt }]);
    expect((await reelpath(['alerts', 'hooks', 'remove', endpoint.id])).stdout).toContain(`Removed endpoint ${endpoint.id}`);
    expect((await reelpath(['alerts', 'hooks'])).stdout).toContain('No webhook endpoints yet');
    const bad = await reelpath(['alerts', 'hooks', 'add', 'ftp://x']);
    expect([bad.code, bad.stderr.includes('notifications_invalid_url')]).toEqual([3, true]);
  });
});
