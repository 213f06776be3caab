import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReelpath } from '../harness/cli-runner.js';
import { dataDir, dataset } from '../harness/data-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const lists = dataset('cn-adlaw-banned-words');
const env = { REELPATH_COMPLIANCE_LISTS: dataDir() };

/** `reelpath check …` as a separate process fed `input` on standard input. */
function runWithStdin(args: readonly string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite-node/vite-node.mjs'), join(ROOT, 'src/main.ts'), '--', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.skipIf(!lists)('reelpath check', () => {
  it('answers every hit with its position, category, rule and rewrites as JSON, and exits 4', async () => {
    const run = await runReelpath(['check', '--json', '全网最佳的龙井，根治失眠，最近上新'], env);
    expect(run.code).toBe(4);
    const { hits, lists: used } = run.json() as { hits: Array<Record<string, unknown>>; lists: Array<{ file: string; sha256: string }> };
    expect(hits.map((h) => [h.start, h.end, h.text, h.category, (h.rule as { id: string }).id])).toEqual([[2, 4, '最佳', 'absolute', 'adlaw-9-3'], [8, 10, '根治', 'medical', 'adlaw-17']]);
    expect(hits[0]!.suggestions).toEqual(['优选', '出色']);
    expect(used[0]).toEqual({ file: 'cn-adlaw-banned-words/adlaw_limit_words.txt', sha256: '541248567d1d2ab95fc136a06b7c8c1f81cf71d2ea180cd1f77fb3222b8ee87e', terms: 195, category: 'mixed' });
  });

  it('speaks Chinese, exits 0 on clean copy, and refuses an empty text', async () => {
    const clean = await runReelpath(['check', '--lang', 'zh', '明前龙井', '250g'], env);
    expect([clean.code, clean.stdout.trim()]).toEqual([0, '未发现违规用语']);
    const hit = await runReelpath(['check', '--lang', 'zh', '销量第一'], env);
    expect(hit.stdout).toMatch(/发现 1 处需要修改的用语：\n {2}\[0–4\] 「销量第一」 绝对化用语 \(high\) — 《广告法》第九条第（三）项/);
    const missing = await runReelpath(['check', '--json', '--lang', 'en', 'x'], { REELPATH_COMPLIANCE_LISTS: '/nonexistent' });
    expect([missing.code, missing.json().error.code]).toEqual([1, 'compliance_lists_missing']);
  });

  it('reads standard input when no text is given', async () => {
    const run = await runWithStdin(['check', '--json'], '國家級工艺 ＮＯ．１\n');
    expect(run.code, run.stderr).toBe(4);
    const hits = (JSON.parse(run.stdout) as { hits: Array<{ text: string; term: string }> }).hits;
    expect(hits.map((h) => [h.text, h.term])).toEqual([['ＮＯ．１', 'NO.1']]);
  }, 60_000);
});
