import type { Command } from 'commander';
import type { AlertView } from '../../modules/alerts/index.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { msg } from '../messages.js';
import { renderTable } from '../report-table.js';

interface AlertsOptions extends GlobalOptions { tenant: string; status?: string; by?: string }

const STATUS: Record<AlertView['status'], { zh: string; en: string }> = {
  firing: { zh: '告警中', en: 'firing' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
  resolved: { zh: '已恢复', en: 'resolved' },
};

const when = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/** Alerts as a table: status, scope, lead rule, diagnosis, since. */
function renderAlerts(alerts: readonly AlertView[], lang: 'zh' | 'en'): string {
  if (alerts.length === 0) return msg(lang, 'alerts_none');
  const rows = alerts.map((a) => [a.id, STATUS[a.status][lang], a.scope, a.ruleId, a.diagnosis ? a.diagnosis.summary[lang] : '—', when(a.firingSince), when(a.resolvedAt)]);
  return renderTable(msg(lang, 'alerts_title'), msg(lang, 'alerts_header').split('|'), rows);
}

/** `reelpath alerts`: list and acknowledge alerts; manage the webhook endpoints they are sent to. */
export function registerAlertsCommand(program: Command): void {
  const alerts = program.command('alerts').description('Live alerts and their webhooks / 实时告警与 Webhook');
  alerts.command('list', { isDefault: true })
    .description('Alerts of a tenant, most recent first / 列出告警')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--status <active|all>', 'active = firing or acknowledged; all adds resolved ones', 'active')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AlertsOptions>();
      await withTenantApp(opts, async (app) => {
        const list = await app.alerts.list(opts.tenant, opts.status === 'all' ? 'all' : 'active');
        emit(opts, { alerts: list }, () => renderAlerts(list, app.config.lang));
      });
    });
  alerts.command('ack <id>')
    .description('Acknowledge a firing alert / 确认告警')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--by <name>', 'who handles it')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AlertsOptions>();
      await withTenantApp(opts, async (app) => {
        const acked = await app.alerts.acknowledge(opts.tenant, id, opts.by ?? null);
        emit(opts, acked, () => renderAlerts([acked], app.config.lang));
      });
    });
  const hooks = alerts.command('hooks').description('Webhook endpoints alerts are sent to / 告警 Webhook 端点');
  hooks.command('list', { isDefault: true })
    .option('--tenant <id>', 'tenant', 'demo')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AlertsOptions>();
      await withTenantApp(opts, async (app) => {
        const list = await app.notifications.endpoints(opts.tenant);
        emit(opts, list, () => (list.length === 0 ? msg(app.config.lang, 'hooks_none') : renderTable(null, ['id', 'url'], list.map((e) => [e.id, e.url]))));
      });
    });
  hooks.command('add <url>')
    .description('Register an endpoint; prints its signing secret once / 添加端点（签名密钥只显示一次）')
    .option('--tenant <id>', 'tenant', 'demo')
    .action(async (url: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AlertsOptions>();
      await withTenantApp(opts, async (app) => {
        const endpoint = await app.notifications.addEndpoint(opts.tenant, url);
        emit(opts, endpoint, () => msg(app.config.lang, 'hooks_added', { id: endpoint.id, url: endpoint.url, secret: endpoint.secret }));
      });
    });
  hooks.command('remove <id>')
    .option('--tenant <id>', 'tenant', 'demo')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<AlertsOptions>();
      await withTenantApp(opts, async (app) => {
        await app.notifications.removeEndpoint(opts.tenant, id);
        emit(opts, { removed: id }, () => msg(app.config.lang, 'hooks_removed', { id }));
      });
    });
}
