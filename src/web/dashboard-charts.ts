/**
 * The dashboard's chart drawing, as browser JavaScript (no build step, no library): horizontal funnel
 * bars, an SVG radar, an SVG Sankey, a heat-shaded cohort table and labelled bars. Every function takes
 * an element and plain data from the API and draws into it; text is escaped with `esc`.
 */
export const DASHBOARD_CHARTS_JS = String.raw`
const SVG = 'http://www.w3.org/2000/svg';
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const pct = (x) => x == null ? '—' : (x * 100).toFixed(1) + '%';
const dur = (ms) => ms == null ? '—' : ms < 60000 ? Math.round(ms / 1000) + 's' : ms < 3600000 ? Math.round(ms / 60000) + 'm' : (ms / 3600000).toFixed(1) + 'h';
const yuan = (fen) => fen == null ? '—' : '¥' + (fen / 100).toLocaleString(undefined, { maximumFractionDigits: 2 });
const num = (x, digits) => x == null ? '—' : Number(x).toLocaleString(undefined, { maximumFractionDigits: digits == null ? 1 : digits });
const PALETTE = ['#ff5a5f', '#ff9a5a', '#f6c945', '#4cc38a', '#3fa7d6', '#6c63ff', '#b15ad7', '#8d99ae', '#ef476f', '#06d6a0'];

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  return e;
}

/** Labelled horizontal bars: items [{label, value, text}], scaled to the largest value. */
function drawBars(el, items) {
  const max = Math.max(1e-9, ...items.map((i) => i.value));
  el.innerHTML = items.map((i) => '<div class="row"><span>' + esc(i.label) + '</span><div class="bar" style="width:' + Math.max(0.5, 100 * i.value / max) + '%"></div><span>' + esc(i.text) + '</span></div>').join('');
}

/** A radar of scores (1 = on target, the dashed ring): spokes [{label, score, status}]. */
function drawRadar(el, spokes) {
  const w = 500, h = 340, c = w / 2, cy = h / 2, r = 115, max = 1.5, n = spokes.length;
  const svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + h, width: w, height: h, role: 'img' });
  const at = (i, v) => { const a = -Math.PI / 2 + 2 * Math.PI * i / n; return [c + Math.cos(a) * r * v / max, cy + Math.sin(a) * r * v / max]; };
  for (const ring of [0.5, 1, 1.5]) {
    svg.appendChild(svgEl('polygon', { points: spokes.map((_, i) => at(i, ring).join(',')).join(' '), fill: 'none', stroke: ring === 1 ? '#151a2d' : '#d5d9e6', 'stroke-dasharray': ring === 1 ? '4 3' : '' }));
  }
  spokes.forEach((s, i) => {
    const [x, y] = at(i, max);
    svg.appendChild(svgEl('line', { x1: c, y1: cy, x2: x, y2: y, stroke: '#e3e6ef' }));
    const [lx, ly] = at(i, max * 1.12);
    svg.appendChild(svgEl('text', { x: lx, y: ly, 'font-size': 11, 'text-anchor': lx < c - 5 ? 'end' : lx > c + 5 ? 'start' : 'middle', fill: s.status === 'poor' ? '#c62828' : '#1f2330' }, s.label));
  });
  const pts = spokes.map((s, i) => at(i, s.score == null ? 0 : s.score).join(',')).join(' ');
  svg.appendChild(svgEl('polygon', { points: pts, fill: 'rgba(255,90,95,.25)', stroke: '#ff5a5f', 'stroke-width': 2 }));
  el.innerHTML = '';
  el.appendChild(svg);
}

/** A Sankey of path prefixes: nodes [{id, step, name}], links [{source, target, value}] (acyclic by step). */
function drawSankey(el, nodes, links, nameOf) {
  const width = Math.max(640, el.clientWidth || 900), height = 380, nodeW = 12;
  const steps = Math.max(0, ...nodes.map((n) => n.step)) + 1;
  const colX = (s) => 10 + s * (width - 140) / Math.max(1, steps - 1);
  const inflow = new Map(), outflow = new Map();
  for (const l of links) { inflow.set(l.target, (inflow.get(l.target) || 0) + l.value); outflow.set(l.source, (outflow.get(l.source) || 0) + l.value); }
  const size = (n) => n.value != null ? n.value : Math.max(inflow.get(n.id) || 0, outflow.get(n.id) || 0);
  const byStep = Array.from({ length: steps }, () => []);
  for (const n of nodes) byStep[n.step].push(n);
  const total = Math.max(1, ...byStep.map((col) => col.reduce((a, n) => a + size(n), 0)));
  const scale = (height - 20 - 8 * Math.max(...byStep.map((col) => col.length))) / total;
  const pos = new Map();
  byStep.forEach((col) => { let y = 10; for (const n of col.sort((a, b) => size(b) - size(a))) { const h = Math.max(2, size(n) * scale); pos.set(n.id, { x: colX(n.step), y, h, outY: y, inY: y }); y += h + 8; } });
  const svg = svgEl('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', height, role: 'img' });
  const colour = new Map();
  let k = 0;
  for (const n of nodes) { if (!colour.has(n.name)) colour.set(n.name, PALETTE[k++ % PALETTE.length]); }
  for (const l of links.slice().sort((a, b) => b.value - a.value)) {
    const s = pos.get(l.source), t = pos.get(l.target);
    if (!s || !t) continue;
    const h = Math.max(1, l.value * scale), x0 = s.x + nodeW, x1 = t.x, y0 = s.outY + h / 2, y1 = t.inY + h / 2, mx = (x0 + x1) / 2;
    s.outY += h; t.inY += h;
    const p = svgEl('path', { d: 'M' + x0 + ',' + y0 + ' C' + mx + ',' + y0 + ' ' + mx + ',' + y1 + ' ' + x1 + ',' + y1, fill: 'none', stroke: colour.get((nodes.find((n) => n.id === l.target) || {}).name) || '#ccc', 'stroke-opacity': 0.35, 'stroke-width': h });
    p.appendChild(svgEl('title', {}, l.value.toLocaleString()));
    svg.appendChild(p);
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    svg.appendChild(svgEl('rect', { x: p.x, y: p.y, width: nodeW, height: p.h, fill: colour.get(n.name) }));
    svg.appendChild(svgEl('text', { x: p.x + nodeW + 4, y: p.y + Math.min(p.h, 14) / 2 + 4, 'font-size': 11 }, nameOf(n.name) + ' ' + size(n).toLocaleString()));
  }
  el.innerHTML = '';
  el.appendChild(svg);
}

/** A table whose rate cells are shaded by value: headers [..], rows [[label, size, rates...]]. */
function drawHeatTable(el, headers, rows) {
  const cell = (v, i) => i < 2 ? '<td>' + esc(v) + '</td>' : v == null ? '<td class="muted">—</td>' : '<td style="background:rgba(255,90,95,' + (0.08 + 0.8 * v).toFixed(2) + ')">' + pct(v) + '</td>';
  el.innerHTML = '<table><tr>' + headers.map((h) => '<th>' + esc(h) + '</th>').join('') + '</tr>' + rows.map((r) => '<tr>' + r.map(cell).join('') + '</tr>').join('') + '</table>';
}

/** A plain table: headers [..], rows [[cells...]] (already formatted). */
function drawTable(el, headers, rows) {
  el.innerHTML = '<table><tr>' + headers.map((h) => '<th>' + esc(h) + '</th>').join('') + '</tr>' + rows.map((r) => '<tr>' + r.map((c) => '<td>' + esc(c) + '</td>').join('') + '</tr>').join('') + '</table>';
}
`;
