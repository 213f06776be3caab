import type { MembersPage, RfmReport } from '../modules/segments/index.js';
import { LAYER_STRATEGIES, type LayerOrOther } from '../modules/segments/index.js';
import { formatMinorUnits } from '../shared/money.js';
import { msg } from './messages.js';
import { count, percent, renderTable } from './report-table.js';

type Lang = 'zh' | 'en';

const layerName = (layer: LayerOrOther, lang: Lang): string => {
  const s = LAYER_STRATEGIES[layer];
  return lang === 'zh' ? `${s.nameZh} ${layer}` : `${s.nameEn} (${layer})`;
};

/** Renders layer sizes with their rules and strategies, then the cut points used. */
export function renderRfm(r: RfmReport, lang: Lang): string {
  const header = [msg(lang, 'segments_layer'), msg(lang, 'segments_size'), msg(lang, 'segments_share'), msg(lang, 'segments_rule'), msg(lang, 'segments_strategy')];
  const rows = r.layers.map((l) => [layerName(l.layer, lang), count(l.size), percent(l.share), l.rule ?? '—', lang === 'zh' ? l.headlineZh : l.headlineEn]);
  const t = r.thresholds;
  const cutRows = [
    [msg(lang, 'segments_recency'), t.recencyDays.join(' / '), t.source.recency],
    [msg(lang, 'segments_frequency'), t.frequency.join(' / '), t.source.frequency],
    [msg(lang, 'segments_monetary'), t.monetary.map((m) => formatMinorUnits(m)).join(' / '), t.source.monetary],
  ];
  const strategies = r.layers.map((l) => `  ${layerName(l.layer, lang)}: ${lang === 'zh' ? l.strategyZh : l.strategyEn}`);
  return [
    renderTable(`■ ${msg(lang, 'segments_title', { asOf: r.asOf, buyers: count(r.buyers), scores: t.scores })}`, header, rows),
    renderTable(`■ ${msg(lang, 'segments_thresholds')}`, ['', '', ''], cutRows),
    `■ ${msg(lang, 'segments_strategy')}\n${strategies.join('\n')}`,
  ].join('\n\n');
}

/** Renders a page of members as a table. */
export function renderMembers(p: MembersPage, lang: Lang): string {
  const title = msg(lang, 'segments_members_title', {
    layer: p.layer ? layerName(p.layer, lang) : msg(lang, 'segments_all_buyers'),
    from: p.members.length > 0 ? p.offset + 1 : 0, to: p.offset + p.members.length, total: count(p.total),
  });
  return renderTable(`■ ${title}`, ['personId', msg(lang, 'segments_layer'), 'R', 'F', 'M', msg(lang, 'segments_recency'), msg(lang, 'segments_frequency'), msg(lang, 'segments_monetary')],
    p.members.map((m) => [m.personId, m.layer, String(m.r), String(m.f), String(m.m), String(m.recencyDays), String(m.frequency), formatMinorUnits(m.monetary)]));
}
