import { existsSync, readFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { createApp, type App } from '../../app/app.js';
import { verifyPublicView, type AppendInput, type AppendOutcome, type AuditFinding } from '../../modules/trace/index.js';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors/index.js';
import { configFromFlags, emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { count, renderTable } from '../report-table.js';

interface TenantOptions extends GlobalOptions { tenant: string }
type Lang = 'zh' | 'en';

/** Exit statuses that are outcomes, not errors (see `runCli`): findings or refusals were printed. */
export const TRACE_EXIT = { ok: 0, nothingApplied: 3, someRejected: 4, findings: 4 } as const;
const MAX_LISTED = 50;

const TEXT = {
  batch_created: { zh: '已创建批次 {code}（{name}）\n买家页数据：GET /v1/trace/public/{code}', en: 'Created batch {code} ({name})\nBuyer page data: GET /v1/trace/public/{code}' },
  append_summary: { zh: '共 {n} 条，已写入 {accepted} 条，拒绝 {rejected} 条；最新检查点 {size} 条', en: '{n} entries: appended {accepted}, rejected {rejected}; newest checkpoint {size} leaves' },
  append_rejected: { zh: '  第 {row} 条：[{code}] {reason}', en: '  entry {row}: [{code}] {reason}' },
  more: { zh: '  …另有 {n} 条（加 --json 查看全部）', en: '  … and {n} more (--json lists them all)' },
  show_title: { zh: '■ 批次 {code} · {name}（商品 {product}）', en: '■ Batch {code} · {name} (product {product})' },
  show_header: { zh: '叶子|类型|时间 (UTC)|内容', en: 'Leaf|Kind|At (UTC)|Body' },
  show_checkpoint: { zh: '检查点：{origin} 共 {size} 条，根 {root}\n签名密钥 {key}（key id {keyId}）', en: 'Checkpoint: {origin}, {size} leaves, root {root}\nSigned by {key} (key id {keyId})' },
  audit_clean: { zh: '审计通过：{logs} 个日志共 {leaves} 条记录、{checkpoints} 个检查点，全部与签名一致', en: 'Audit clean: {logs} logs, {leaves} entries and {checkpoints} checkpoints all match their signatures' },
  audit_findings: { zh: '审计发现 {n} 个问题：', en: 'The audit found {n} problems:' },
  audit_truncated: { zh: '（问题过多，每个日志只列出前 {max} 个）', en: '(too many: at most {max} listed per log)' },
  verify_ok: { zh: '验证通过：{entries} 条记录的包含证明均指向已签名的检查点（{size} 条，密钥 {key}）', en: 'Verified: the inclusion proofs of {entries} entries lead to the signed checkpoint ({size} leaves, key {key})' },
  verify_failed: { zh: '验证失败（{n} 个问题）：', en: 'Verification failed ({n} problems):' },
} as const;

function say(lang: Lang, id: keyof typeof TEXT, vars: Record<string, string | number> = {}): string {
  return TEXT[id][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A catalogued problem in the language of the run: `[code] 说明（reason）` or `[code] reason`. */
function problem(lang: Lang, code: string, reason: string): string {
  const zh = ERROR_CATALOGUE[code as ErrorCode]?.zh;
  return lang === 'zh' && zh ? `[${code}] ${zh}（${reason}）` : `[${code}] ${reason}`;
}

function where(lang: Lang, f: AuditFinding): string {
  if (f.leafIndex !== undefined) return lang === 'zh' ? `租户 ${f.tenant} 第 ${f.leafIndex} 号叶子` : `tenant ${f.tenant}, leaf ${f.leafIndex}`;
  if (f.size !== undefined) return lang === 'zh' ? `租户 ${f.tenant} 规模 ${f.size} 的检查点` : `tenant ${f.tenant}, checkpoint of size ${f.size}`;
  return lang === 'zh' ? `租户 ${f.tenant}` : `tenant ${f.tenant}`;
}

/** Opens the app for a command that needs no tenant (the code names it), and closes it whatever happens. */
async function withApp(o: GlobalOptions, work: (app: App) => Promise<void>): Promise<void> {
  const app = await createApp(configFromFlags(o));
  try { await work(app); } finally { await app.close(); }
}

const outcome = (status: number, what: string): never => { throw new CommanderError(status, 'reelpath.outcome', what); };

/** The entries of `--file` (NDJSON: one `{kind, body, at?}` per line) or of `--kind`/`--body`/`--at`. */
function readEntries(code: string, o: { kind?: string; body?: string; at?: string; file?: string }): AppendInput[] {
  const parse = (text: string, what: string): unknown => {
    try { return JSON.parse(text); } catch (err) { throw new AppError('cli_usage', `${what} is not JSON: ${(err as Error).message}`, { cause: err }); }
  };
  if (o.file !== undefined) {
    if (!existsSync(o.file)) throw new AppError('import_file_not_found', `${o.file} does not exist`, { details: { file: o.file } });
    const lines = readFileSync(o.file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    if (lines.length === 0) throw new AppError('cli_usage', `${o.file} has no entries`);
    return lines.map((line, i) => {
      const e = parse(line, `${o.file} line ${i + 1}`) as Record<string, unknown> | null;
      return { code, kind: e?.kind, body: e?.body, at: e?.at };
    });
  }
  if (o.kind === undefined || o.body === undefined) throw new AppError('cli_usage', 'give --kind and --body \'<json>\', or --file entries.ndjson');
  return [{ code, kind: o.kind, body: parse(o.body, '--body'), at: o.at !== undefined && /^\d+$/.test(o.at) ? Number(o.at) : o.at }];
}

async function appendEntries(code: string, o: TenantOptions & { kind?: string; body?: string; at?: string; file?: string }): Promise<void> {
  const entries = readEntries(code, o);
  let status: number = TRACE_EXIT.ok;
  await withTenantApp(o, async (app) => {
    const lang = app.config.lang;
    await app.trace.batch(o.tenant, code);
    const outcomes: AppendOutcome[] = [];
    for (let i = 0; i < entries.length; i += app.config.trace.maxBatch) {
      const part = await app.trace.append(o.tenant, entries.slice(i, i + app.config.trace.maxBatch));
      outcomes.push(...part.map((x) => ({ ...x, index: x.index + i })));
    }
    const rejected = outcomes.filter((x): x is Extract<AppendOutcome, { ok: false }> => !x.ok);
    const accepted = outcomes.length - rejected.length;
    const size = (await app.trace.latestCheckpoint(o.tenant)).size;
    status = rejected.length === 0 ? TRACE_EXIT.ok : accepted === 0 ? TRACE_EXIT.nothingApplied : TRACE_EXIT.someRejected;
    emit(o, { code, accepted, rejected: rejected.length, checkpointSize: size, outcomes }, () => [
      say(lang, 'append_summary', { n: count(outcomes.length), accepted: count(accepted), rejected: count(rejected.length), size: count(size) }),
      ...rejected.slice(0, MAX_LISTED).map((r) => say(lang, 'append_rejected', { row: r.index + 1, code: r.code, reason: r.reason })),
      ...(rejected.length > MAX_LISTED ? [say(lang, 'more', { n: count(rejected.length - MAX_LISTED) })] : []),
    ].join('\n'));
  });
  if (status !== TRACE_EXIT.ok) outcome(status, 'trace append: some entries were refused');
}

async function showBatch(code: string, o: GlobalOptions): Promise<void> {
  await withApp(o, async (app) => {
    const lang = app.config.lang;
    const view = await app.trace.publicView(code);
    emit(o, view, () => {
      const rows = view.entries.map((e) => {
        const leaf = JSON.parse(e.data) as { kind: string; at: string; body: unknown };
        const body = JSON.stringify(leaf.body);
        return [String(e.index), leaf.kind, leaf.at.slice(0, 19).replace('T', ' '), body.length > 60 ? `${body.slice(0, 59)}…` : body];
      });
      return [
        renderTable(say(lang, 'show_title', { code, name: view.batch.name, product: view.batch.productId ?? '—' }), say(lang, 'show_header').split('|'), rows),
        say(lang, 'show_checkpoint', { origin: view.logOrigin, size: count(view.checkpoint.size), root: view.checkpoint.root, key: view.key.name, keyId: view.key.keyId }),
      ].join('\n');
    });
  });
}

async function auditLogs(o: GlobalOptions & { tenant?: string }): Promise<void> {
  let clean = true;
  await withApp(o, async (app) => {
    const lang = app.config.lang;
    const report = await app.trace.audit(o.tenant);
    clean = report.ok;
    emit(o, report, () => {
      if (report.ok) {
        return say(lang, 'audit_clean', { logs: report.logs.length, leaves: count(report.logs.reduce((n, l) => n + l.size, 0)), checkpoints: count(report.logs.reduce((n, l) => n + l.checkpoints, 0)) });
      }
      return [
        say(lang, 'audit_findings', { n: count(report.findings.length) }),
        ...report.findings.slice(0, MAX_LISTED).map((f) => `  ${where(lang, f)}: ${problem(lang, f.code, f.reason)}`),
        ...(report.findings.length > MAX_LISTED ? [say(lang, 'more', { n: count(report.findings.length - MAX_LISTED) })] : []),
        ...(report.truncated ? [say(lang, 'audit_truncated', { max: 1000 })] : []),
      ].join('\n');
    });
  });
  if (!clean) outcome(TRACE_EXIT.findings, 'trace audit: findings');
}

async function verifyBatch(code: string, o: GlobalOptions & { key?: string; keyName?: string }): Promise<void> {
  let ok = true;
  await withApp(o, async (app) => {
    const lang = app.config.lang;
    const view = await app.trace.publicView(code);
    // Verified with the package's verifier, as the buyer page does; --key pins the key expected.
    const verdict = verifyPublicView(view, o.key ? { name: o.keyName ?? view.key.name, publicKey: o.key } : undefined);
    ok = verdict.ok;
    emit(o, { code, ...verdict }, () => (verdict.ok
      ? say(lang, 'verify_ok', { entries: count(verdict.entries), size: count(verdict.size), key: `${view.key.name} ${view.key.keyId}` })
      : [say(lang, 'verify_failed', { n: verdict.problems.length }), ...verdict.problems.map((p) => `  ${p.index === undefined ? '' : `#${p.index} `}${problem(lang, p.code, p.reason)}`)].join('\n')));
  });
  if (!ok) outcome(TRACE_EXIT.findings, 'trace verify: the view does not verify');
}

const EXIT_HELP = `
Exit status / 退出码: 0 ok / 正常; 4 findings or some entries refused / 发现问题或部分记录被拒绝;
3 nothing applied / 未写入任何记录; 2 usage / 用法错误.`;

/** `reelpath trace …`: batches, appends, the batch page, the audit and local verification. */
export function registerTraceCommand(program: Command): void {
  const trace = program.command('trace').description('Provenance log: batches, entries, signed checkpoints, audit / 溯源日志：批次、记录、签名检查点、审计').addHelpText('after', EXIT_HELP);

  trace.command('batch <name>').description('Create a product batch and print its code / 创建商品批次并输出批次码')
    .option('--tenant <id>', 'tenant', 'demo').option('--product <id>', 'product id')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { product?: string }>();
      await withTenantApp(o, async (app) => {
        const b = await app.trace.createBatch(o.tenant, { name, ...(o.product === undefined ? {} : { productId: o.product }) });
        emit(o, b, () => say(app.config.lang, 'batch_created', { code: b.code, name: b.name }));
      });
    });

  trace.command('append <code>').description('Append entries to a batch (one, or an NDJSON file) / 向批次追加记录')
    .option('--tenant <id>', 'tenant', 'demo').option('--kind <kind>', 'origin | inspection | certification | logistics | consent_receipt | allocation_policy')
    .option('--body <json>', 'the entry body as JSON').option('--at <time>', 'when it happened: epoch ms or ISO-8601 (default now)')
    .option('--file <path>', 'NDJSON: one { kind, body, at? } per line')
    .action(async (code: string, _o: unknown, cmd: Command) => appendEntries(code, cmd.optsWithGlobals()));

  trace.command('show <code>').description('Show a batch\'s entries and the checkpoint they are proven against / 查看批次记录与检查点')
    .action(async (code: string, _o: unknown, cmd: Command) => showBatch(code, cmd.optsWithGlobals<GlobalOptions>()));

  trace.command('audit').description('Re-check every stored log: entries, subtrees, checkpoints, signatures / 审计全部日志（记录、子树、检查点、签名）')
    .option('--tenant <id>', 'only this tenant\'s log')
    .action(async (_o: unknown, cmd: Command) => auditLogs(cmd.optsWithGlobals<GlobalOptions & { tenant?: string }>()));

  trace.command('verify <code>').description('Verify a batch page locally: every proof and the checkpoint signature / 本地验证批次页的证明与签名')
    .option('--key <base64>', 'pin the expected public key (raw 32 bytes, base64)').option('--key-name <name>', 'its name (default: the one in the view)')
    .action(async (code: string, _o: unknown, cmd: Command) => verifyBatch(code, cmd.optsWithGlobals()));
}
