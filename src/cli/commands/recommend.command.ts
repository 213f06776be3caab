import type { Command } from 'commander';
import { checkRecommendationRequest, recommend, type Recommendation } from '../../flows/recommend.flow.js';
import { COMPONENT_DEFINITIONS, COMPONENTS, type PolicyVersion } from '../../modules/allocation/index.js';
import { AppError } from '../../shared/errors/index.js';
import { emit, withTenantApp, type GlobalOptions } from '../cli-context.js';
import { msg, type MessageId } from '../messages.js';
import { renderTable } from '../report-table.js';

interface RecommendOptions extends GlobalOptions {
  tenant: string; person?: string; slot?: string; n?: string; category?: string; priceBand?: string;
  inStock?: boolean; excludeBought?: boolean; excludeSeen?: boolean; personalised?: boolean; explain?: boolean;
}
interface PolicyOptions extends GlobalOptions { tenant: string; version?: string; weights?: string; param?: string; note?: string }

/** Renders a slate: one row per item; with `explain`, one column per component and the credit multiplier. */
function renderRecommendation(r: Recommendation, lang: 'zh' | 'en', explain: boolean): string {
  if (r.items.length === 0) return msg(lang, 'rec_none');
  const mode = r.mode === 'personalised' ? msg(lang, 'rec_personalised') : msg(lang, 'rec_non_personalised', { reason: msg(lang, `rec_reason_${r.reason ?? 'requested'}` as MessageId) });
  const header = [...msg(lang, 'rec_header').split('|'), ...(explain ? [...COMPONENTS, 'credit'] : [])];
  const rows = r.items.map((i) => [
    String(i.position + 1), i.itemId, i.categoryId ?? '—', i.priceBand ?? '—', i.score.toFixed(3), i.propensity.toFixed(3),
    msg(lang, i.explored ? 'rec_explored' : 'rec_ranked'),
    ...(explain ? [...COMPONENTS.map((c) => i.components[c].toFixed(2)), i.credit.toFixed(2)] : []),
  ]);
  const table = renderTable(msg(lang, 'rec_title', { slot: r.slot, mode, version: r.policyVersion }), header, rows);
  return r.ignoredFilters.length > 0 ? `${table}\n${msg(lang, 'rec_ignored', { filters: r.ignoredFilters.join(', ') })}` : table;
}

/** Renders a policy: the formula, each weight with a bar and its meaning, the parameters. */
function renderPolicy(p: PolicyVersion, lang: 'zh' | 'en'): string {
  const rows = COMPONENTS.map((c) => [c, `${(p.weights[c] * 100).toFixed(0)}% ${'█'.repeat(Math.round(p.weights[c] * 20))}`, COMPONENT_DEFINITIONS[c][lang]]);
  const title = msg(lang, 'rec_policy_title', { version: p.version, by: p.createdBy, note: p.note || '—' });
  const params = Object.entries(p.parameters).map(([k, v]) => `  ${k} = ${v}`).join('\n');
  return `${title}\n${msg(lang, 'rec_policy_formula')}\n${renderTable(null, msg(lang, 'rec_policy_header').split('|'), rows)}\n${msg(lang, 'rec_policy_parameters')}:\n${params}`;
}

/** Parses `k=v,k=v` into numbers; `cli_usage` on anything else. */
function parsePairs(flag: string, text: string | undefined): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || v === undefined || v.trim() === '' || !Number.isFinite(Number(v))) throw new AppError('cli_usage', `${flag} takes name=number pairs separated by commas, e.g. conversion=0.35,relevance=0.2; got ${part}`);
    out[k.trim()] = Number(v);
  }
  return out;
}

function registerPolicyCommands(parent: Command): void {
  const policy = parent.command('policy').description('The published allocation policy / 流量分配策略');
  policy.command('show', { isDefault: true })
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--version <n>', 'a version (default: the one in force; 0 = built-in default)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<PolicyOptions>();
      await withTenantApp(opts, async (app) => {
        const p = opts.version === undefined ? await app.allocation.policy(opts.tenant) : await app.allocation.policyVersion(opts.tenant, Number(opts.version));
        emit(opts, p, () => renderPolicy(p, app.config.lang));
      });
    });
  policy.command('set')
    .description('Publish a new version / 发布新版本')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--weights <pairs>', 'component weights, e.g. conversion=0.35,relevance=0.2 (they must sum to 1 with the others)')
    .option('--param <pairs>', 'parameters, e.g. exploreShare=0.15,maxCategoryShare=0.3')
    .option('--note <text>', 'why this version')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<PolicyOptions>();
      await withTenantApp(opts, async (app) => {
        const weights = parsePairs('--weights', opts.weights);
        const parameters = parsePairs('--param', opts.param);
        const body = { ...(weights ? { weights } : {}), ...(parameters ? { parameters } : {}), ...(opts.note ? { note: opts.note } : {}) };
        const published = await app.allocation.publish(opts.tenant, body, 'cli');
        emit(opts, published, () => msg(app.config.lang, 'rec_policy_published', { version: published.version }));
      });
    });
}

/** `reelpath recommend`: recommendations for a person and slot, why, the allocation policy, model rebuilds. */
export function registerRecommendCommand(program: Command): void {
  const rec = program.command('recommend').description('Recommendations and the allocation policy / 推荐与流量分配');
  rec.command('show', { isDefault: true })
    .description('Recommend items for a person / 为用户推荐商品')
    .option('--tenant <id>', 'tenant', 'demo')
    .option('--person <id>', 'person id (per_…) or identity key (user:42); absent = non-personalised')
    .option('--slot <name>', 'placement', 'home_feed')
    .option('-n, --n <count>', 'how many items (1–100)', '10')
    .option('--category <id>', 'only this category')
    .option('--price-band <band>', 'only this price band: <50, 50-200, 200-500, 500+')
    .option('--in-stock', 'leave out items whose latest stock is 0')
    .option('--exclude-bought', 'leave out what the person paid for')
    .option('--exclude-seen', 'leave out what the person has seen')
    .option('--no-personalised', 'serve the non-personalised mode whatever the consent')
    .option('--explain', 'show every component of every score')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<RecommendOptions>();
      await withTenantApp(opts, async (app) => {
        const req = checkRecommendationRequest(opts.tenant, {
          person: opts.person, slot: opts.slot, n: opts.n, category: opts.category, priceBand: opts.priceBand,
          inStock: opts.inStock, excludeBought: opts.excludeBought, excludeSeen: opts.excludeSeen, personalised: opts.personalised,
        });
        const { recommendation } = await recommend(app, req, { preview: opts.explain === true });
        emit(opts, recommendation, () => renderRecommendation(recommendation, app.config.lang, opts.explain === true));
      });
    });
  registerPolicyCommands(rec);
  rec.command('rebuild')
    .description('Retrain the models from the event store / 从事件库重新训练模型')
    .option('--tenant <id>', 'tenant', 'demo')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions & { tenant: string }>();
      await withTenantApp(opts, async (app) => {
        const s = await app.recommend.rebuild(opts.tenant);
        emit(opts, s, () => msg(app.config.lang, 'rec_rebuilt', { items: s.items, persons: s.persons, interactions: s.interactions, learned: s.learned ? '✓' : '—', bytes: s.bytesPerItem, ms: s.buildMs }));
      });
    });
}
