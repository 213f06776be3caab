import { readFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { reconcileLedger } from '../../flows/reconcile-ledger.flow.js';
import type { CommissionRule } from '../../modules/settlement/index.js';
import { AppError } from '../../shared/errors/index.js';
import { parseTimestamp } from '../../shared/time.js';
import { emit, withTenantApp } from '../cli-context.js';
import { boundedIntFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { renderTable } from '../report-table.js';
import { utcMinute, yuan, type TenantOptions } from './orders.command.js';

const DAY = 86_400_000;

function timeFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const t = parseTimestamp(/^\d+$/.test(value) ? Number(value) : value);
  if (t === undefined) throw new AppError('cli_usage', `--${name}: an ISO date or epoch ms, got ${value}`);
  return t;
}

function readRules(path: string): CommissionRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('cli_usage', `--set: cannot read JSON from ${path}`, { cause: err });
  }
  const rules = Array.isArray(parsed) ? parsed : (parsed as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) throw new AppError('cli_usage', `--set: ${path} holds { "rules": [...] } or an array of rules`);
  return rules as CommissionRule[];
}

/** `reelpath ledger …`: balances, journal, statements, commission rules and reconciliation. */
export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('The commission ledger: balances, journal, statements, rules, reconciliation / 分账账本');
  const tenantCommand = (name: string, description: string) => ledger.command(name).description(description).option('--tenant <id>', 'tenant', 'demo');

  tenantCommand('balances', 'Every account: pending (held until refund windows close), posted, available / 各账户余额')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions>();
      await withTenantApp(o, async (app) => {
        const accounts = await app.ledger.accounts(o.tenant);
        const sum = accounts.reduce((n, a) => n + a.postedFen + a.pendingFen, 0);
        emit(o, { accounts, sumFen: sum }, () => (accounts.length === 0 ? msg(app.config.lang, 'ledger_empty')
          : renderTable(msg(app.config.lang, 'ledger_accounts_title', { tenant: o.tenant, sum: yuan(sum) }), msg(app.config.lang, 'ledger_accounts_header').split('|'),
            accounts.map((a) => [a.id, yuan(a.pendingFen), yuan(a.postedFen), yuan(a.availableFen)]))));
      });
    });

  tenantCommand('journal', 'Journal entries, newest first / 账本流水')
    .option('--account <id>', 'only entries of this account').option('--order <id>', 'only entries of this order').option('--limit <n>', 'most entries (1–1000)', '50')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { account?: string; order?: string; limit: string }>();
      await withTenantApp(o, async (app) => {
        const entries = await app.ledger.journal(o.tenant, { limit: boundedIntFlag('limit', o.limit, 1, 1000), ...(o.account ? { account: o.account } : {}), ...(o.order ? { orderId: o.order } : {}) });
        emit(o, { entries }, () => (entries.length === 0 ? msg(app.config.lang, 'ledger_empty') : renderTable(msg(app.config.lang, 'ledger_journal_title'), msg(app.config.lang, 'ledger_journal_header').split('|'),
          entries.map((e) => [String(e.seq), utcMinute(e.at), e.memo, e.debit, e.credit, yuan(e.amountFen), e.orderId ?? '—']))));
      });
    });

  tenantCommand('statement', 'One account\'s statement for a period (default: the last 30 days) / 对账单').argument('<account>')
    .option('--from <time>', 'start (ISO date or epoch ms)').option('--to <time>', 'end, exclusive (ISO date or epoch ms)')
    .action(async (account: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { from?: string; to?: string }>();
      await withTenantApp(o, async (app) => {
        const to = timeFlag('to', o.to, app.clock.now() + 1);
        const s = await app.ledger.statement(o.tenant, account, timeFlag('from', o.from, to - 30 * DAY), to);
        const posted = (b: typeof s.opening): number => b.creditsPosted - b.debitsPosted;
        emit(o, s, () => renderTable(msg(app.config.lang, 'ledger_statement_title', {
          account, from: utcMinute(s.from), to: utcMinute(s.to), opening: yuan(posted(s.opening)), closing: yuan(posted(s.closing)), pending: yuan(s.closing.creditsPending - s.closing.debitsPending),
        }), msg(app.config.lang, 'ledger_journal_header').split('|'), s.entries.map((e) => [String(e.seq), utcMinute(e.at), e.memo, e.debit, e.credit, yuan(e.amountFen), e.orderId ?? '—'])));
      });
    });

  tenantCommand('rules', 'Commission rules; --set replaces them from a JSON file / 分佣规则')
    .option('--set <file>', 'JSON file: { "rules": [{ id, scope: { productId?, creatorId?, campaignId? }, legs: [{ party: platform|creator|mcn, basisPoints?, fixedFen? }], mcnId?, priority }] }')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { set?: string }>();
      await withTenantApp(o, async (app) => {
        if (o.set !== undefined) await app.ledger.setRules(o.tenant, readRules(o.set));
        const rules = await app.ledger.rules(o.tenant);
        emit(o, { rules }, () => (o.set !== undefined ? `${msg(app.config.lang, 'ledger_rules_saved', { n: rules.length })}\n` : '') + JSON.stringify(rules, null, 2));
      });
    });

  tenantCommand('reconcile', 'Orders against the ledger and the journal replay check; exit 4 when an issue is left / 对账')
    .option('--repair', 'carry out missing splits, refunds, refund windows and compensation (idempotent)')
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<TenantOptions & { repair?: boolean }>();
      await withTenantApp(o, async (app) => {
        const r = await reconcileLedger(app, o.tenant, o.repair === true);
        const lang = app.config.lang;
        emit(o, r, () => {
          const lines: string[] = [];
          if (!r.ledger.ok) lines.push(msg(lang, 'ledger_check_failed', { n: r.ledger.mismatches.length }));
          if (r.issues.length > 0) {
            lines.push(msg(lang, 'ledger_reconcile_issues', { n: r.issues.length, repaired: r.issues.filter((i) => i.repaired).length }));
            lines.push(...r.issues.map((i) => `  ${i.repaired ? '✓' : '✗'} ${i.code}  ${i.orderId}  ${i.detail}`));
          }
          if (r.ok) lines.push(msg(lang, 'ledger_reconcile_ok', { orders: r.ordersChecked, paid: r.paidOrders, splits: r.splits, entries: r.ledger.journalEntries }));
          return lines.join('\n');
        });
        // An outcome, not an error: the report is printed; the status says whether anything is left.
        if (!r.ok) throw new CommanderError(4, 'reelpath.outcome', `ledger reconcile: ${r.issues.length} issue(s)`);
      });
    });
}
