/**
 * The dashboard's loaders, as browser JavaScript: each card fetches its API answer with the secret key
 * and draws it with the chart functions (dashboard-charts.ts) in the current language (dashboard-i18n.ts).
 * A card that fails shows the catalogued error in place; the others still load.
 */
export const DASHBOARD_APP_JS = String.raw`
const langParam = new URLSearchParams(location.search).get('lang');
let lang = (langParam === 'zh' || langParam === 'en') ? langParam : localStorage.getItem('rp-lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const hashKey = new URLSearchParams(location.hash.slice(1)).get('key');
if (hashKey) { sessionStorage.setItem('rp-key', hashKey); history.replaceState(null, '', location.pathname + location.search); }
let key = sessionStorage.getItem('rp-key');
const $ = (id) => document.getElementById(id);
const t = () => T[lang];
const label = (name) => t().names[name] ? t().names[name] + ' ' + name : name;
const groupLabel = (by, g) => by === 'platform' ? (t().platforms[g] || g) : g;

async function api(path) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + key } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.code + ': ' + (lang === 'zh' ? body.error.messageZh : body.error.message) + (body.error.action ? ' — ' + body.error.action : '') : String(res.status));
  return body;
}

async function card(id, draw) {
  const el = $(id);
  el.setAttribute('aria-busy', 'true');
  try { await draw(el); } catch (e) { el.innerHTML = '<p class="err">' + esc(t().error + e.message) + '</p>'; }
  el.removeAttribute('aria-busy');
}

function funnelTable(el, group) {
  const x = t();
  const bars = document.createElement('div');
  el.appendChild(bars);
  drawBars(bars, group.steps.map((s) => ({ label: label(s.name), value: s.count, text: s.count.toLocaleString() + ' · ' + pct(s.conversionFromFirst) })));
  const tab = document.createElement('div');
  el.appendChild(tab);
  drawTable(tab, [x.step, x.persons, x.fromPrev, x.fromFirst, x.median, x.dropNext], group.steps.map((s) => [
    label(s.name), s.count.toLocaleString(), pct(s.conversionFromPrevious), pct(s.conversionFromFirst),
    dur(s.timeFromPrevious ? s.timeFromPrevious.p50Ms : null), s.dropOffNext.map((d) => label(d.event) + ' ' + d.count).join(', '),
  ]));
}

const loaders = {
  async radar(el) {
    const r = await api('/v1/kpi/radar');
    el.innerHTML = '<div class="split"><div id="radar-svg"></div><div id="radar-table"></div></div><p class="muted">' + esc(t().radarNote) + '</p>';
    drawRadar($('radar-svg'), r.indicators.map((i) => ({ label: lang === 'zh' ? i.zh.replace(/（.*）/, '') : i.en.replace(/ \(.*\)/, ''), score: i.score, status: i.status })));
    const fmt = (i, v) => v == null ? '—' : i.unit === 'ratio' ? pct(v) : num(v);
    drawTable($('radar-table'), [t().indicator, t().value, t().target, t().status], r.indicators.map((i) => [lang === 'zh' ? i.zh : i.en, fmt(i, i.value), fmt(i, i.target), t().statuses[i.status]]));
  },
  async funnel(el) {
    const by = $('funnel-by').value, count = $('funnel-count').value;
    const r = await api('/v1/funnel?window=' + $('window').value + '&count=' + count + '&value=true' + (by ? '&by=' + by : ''));
    el.innerHTML = '';
    funnelTable(el, r.overall);
    if (r.overall.value) { const p = document.createElement('p'); p.className = 'muted'; p.textContent = 'GMV ' + yuan(r.overall.value.gross) + ' − ' + yuan(r.overall.value.refunds) + ' = ' + yuan(r.overall.value.net); el.appendChild(p); }
    const grid = document.createElement('div');
    grid.className = 'grid';
    for (const g of r.groups.slice(0, 6)) {
      const d = document.createElement('div');
      d.innerHTML = '<h3>' + esc(groupLabel(by, g.group)) + '</h3>';
      const f = document.createElement('div');
      d.appendChild(f);
      drawBars(f, g.steps.map((s) => ({ label: label(s.name), value: s.count, text: s.count.toLocaleString() })));
      grid.appendChild(d);
    }
    el.appendChild(grid);
  },
  async paths(el) {
    const r = await api('/v1/paths?start=product_click&depth=4&top=6');
    if (r.sankey.nodes.length === 0) { el.innerHTML = '<p class="muted">' + esc(t().none) + '</p>'; return; }
    drawSankey(el, r.sankey.nodes, r.sankey.links, (n) => t().names[n] || n);
  },
  async decision(el) {
    const r = await api('/v1/decision-time?start=product_click&end=pay');
    const o = r.overall;
    el.innerHTML = '<p>' + esc(t().started) + ' ' + o.started.toLocaleString() + ' · ' + esc(t().converted) + ' ' + o.converted.toLocaleString() + ' (' + pct(o.conversionRate) + ') · ' + esc(t().p50) + ' ' + dur(o.p50Ms) + ' · ' + esc(t().p90) + ' ' + dur(o.p90Ms) + '</p><div></div>';
    drawBars(el.lastChild, o.histogram.map((b) => ({ label: b.label, value: b.persons, text: b.persons.toLocaleString() })));
  },
  async pathLength(el) {
    const day = 86400000, now = Date.now();
    const r = await api('/v1/path-length?from=' + (now - 7 * day) + '&to=' + now + '&compareFrom=' + (now - 14 * day) + '&compareTo=' + (now - 7 * day));
    const c = r.current, b = r.baseline, x = t();
    el.innerHTML = '<p>' + esc(x.medianSteps) + ' ' + num(c.medianSteps) + ' (' + c.buyers.toLocaleString() + ' ' + esc(x.buyers) + ')'
      + (b && b.buyers > 0 ? ' · ' + esc(x.change) + ' ' + (r.difference.medianSteps > 0 ? '+' : '') + num(r.difference.medianSteps) + ' vs ' + num(b.medianSteps) : '') + '</p><div></div>';
    drawBars(el.lastChild, c.distribution.map((d) => ({ label: x.stepsUnit.replace('{n}', d.steps), value: d.persons, text: d.persons.toLocaleString() })));
  },
  async retention(el) {
    const r = await api('/v1/retention?cohort=first_order&period=week&mode=on&periods=8');
    if (r.cohorts.length === 0) { el.innerHTML = '<p class="muted">' + esc(t().none) + '</p>'; return; }
    const cols = r.cohorts[0].rates.length;
    const headers = [t().cohort, t().size].concat(Array.from({ length: cols }, (_, k) => t().period.replace('{k}', k)));
    drawHeatTable(el, headers, r.cohorts.map((c) => [c.cohort, c.size.toLocaleString()].concat(c.rates)));
  },
  async segments(el) {
    const r = await api('/v1/segments/rfm');
    el.innerHTML = '<div></div><div></div>';
    drawBars(el.firstChild, r.layers.map((l) => ({ label: lang === 'zh' ? l.nameZh : l.nameEn, value: l.size, text: l.size.toLocaleString() + ' · ' + pct(l.share) })));
    drawTable(el.lastChild, [t().layer, t().members, t().strategy], r.layers.map((l) => [lang === 'zh' ? l.nameZh : l.nameEn, l.size.toLocaleString(), lang === 'zh' ? l.headlineZh + '：' + l.strategyZh : l.headlineEn + ': ' + l.strategyEn]));
  },
  async attribution(el) {
    const r = await api('/v1/attribution?model=markov&by=creatorId');
    drawTable(el, [t().channel, t().conversions, t().gmv, t().removal], r.channels.slice(0, 12).map((c) => [c.channel, num(c.conversions, 2), c.valueFen == null ? '—' : yuan(c.valueFen), c.removalEffect == null ? '—' : pct(c.removalEffect)]));
  },
};

function setTexts() {
  const x = t();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = x[el.getAttribute('data-t')];
  $('lang').textContent = x.lang;
  const by = $('funnel-by'), count = $('funnel-count'), keepBy = by.value, keepCount = count.value;
  by.innerHTML = '<option value="">' + esc(x.all) + '</option>' + Object.keys(x.dims).map((d) => '<option value="' + d + '">' + esc(x.dims[d]) + '</option>').join('');
  count.innerHTML = Object.keys(x.counts).map((c) => '<option value="' + c + '">' + esc(x.counts[c]) + '</option>').join('');
  by.value = keepBy || 'platform'; count.value = keepCount || 'persons';
}

function loadAll() {
  setTexts();
  if (!key) { key = prompt(t().key) || ''; sessionStorage.setItem('rp-key', key); }
  return Promise.all(Object.keys(loaders).map((id) => card(id, loaders[id])));
}

$('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('rp-lang', lang); loadAll(); };
$('window').onchange = () => card('funnel', loaders.funnel);
$('funnel-by').onchange = () => card('funnel', loaders.funnel);
$('funnel-count').onchange = () => card('funnel', loaders.funnel);
window.reelpathReady = loadAll();
`;
