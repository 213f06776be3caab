/**
 * The first dashboard page (issue 2): the eight-node funnel overall and by platform, in Simplified
 * Chinese or English. Self-contained HTML (no build step); the full Vite dashboard replaces it later.
 * The secret key comes from the URL fragment (#key=…, never sent to the server in the URL) or a prompt;
 * `?lang=zh|en` picks the language, else the last choice, else the browser's (Chinese for zh-*).
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Reelpath</title>
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;background:#f6f7fb;color:#1f2330}
header{display:flex;align-items:center;gap:16px;padding:14px 24px;background:#151a2d;color:#fff}
header h1{font-size:18px;margin:0}header .sp{flex:1}
button,select,input{font:inherit;padding:4px 10px;border-radius:6px;border:1px solid #c9cede}
main{padding:20px 24px;max-width:1100px}
.card{background:#fff;border-radius:10px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h2{font-size:16px;margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:6px 8px;border-bottom:1px solid #eceef4;text-align:right}
th:first-child,td:first-child{text-align:left}
.bar{height:22px;background:linear-gradient(90deg,#ff5a5f,#ff9a5a);border-radius:4px}
.row{display:grid;grid-template-columns:170px 1fr 140px;align-items:center;gap:10px;margin:4px 0;font-size:13px}
.muted{color:#7a8094;font-size:12px}.err{color:#c62828}
</style></head>
<body>
<header><h1 id="title"></h1><span class="sp"></span>
<label id="lbl-window"></label><select id="window"><option>1h</option><option selected>24h</option><option>7d</option></select>
<button id="lang"></button></header>
<main>
<div class="card"><h2 id="h-funnel"></h2><div id="funnel"></div><p class="muted" id="note"></p></div>
<div class="card"><h2 id="h-platform"></h2><div id="by-platform"></div></div>
</main>
<script type="module">
const T = {
  zh: { title: 'Reelpath 短视频电商转化', funnel: '八节点转化漏斗（按人）', platform: '分平台漏斗', window: '窗口', lang: 'English',
        step: '步骤', persons: '人数', fromPrev: '上步转化率', fromFirst: '总转化率', median: '中位耗时', key: '请输入 secret key (rp_sec_…)',
        note: '窗口从第一步开始计算（含边界），同一人跨平台身份已合并。', error: '加载失败：',
        names: { impression: '曝光', play: '播放', complete: '完播', product_click: '点击商品', detail_view: '详情页', add_to_cart: '加购', order: '下单', pay: '支付' },
        platforms: { douyin: '抖音', kuaishou: '快手', wechat_channels: '视频号', tiktok: 'TikTok', xiaohongshu: '小红书', miniprogram: '小程序', web: '网站', other: '其他' } },
  en: { title: 'Reelpath short-video commerce', funnel: 'Eight-node funnel (persons)', platform: 'Funnel by platform', window: 'Window', lang: '中文',
        step: 'Step', persons: 'Persons', fromPrev: 'From previous', fromFirst: 'From first', median: 'Median time', key: 'Enter a secret key (rp_sec_…)',
        note: 'Window measured from the first step (inclusive); identities merged across platforms.', error: 'Failed to load: ',
        names: {}, platforms: { douyin: 'Douyin', kuaishou: 'Kuaishou', wechat_channels: 'WeChat Channels', tiktok: 'TikTok', xiaohongshu: 'Xiaohongshu', miniprogram: 'Mini-program', web: 'Web', other: 'Other' } },
};
const langParam = new URLSearchParams(location.search).get('lang');
let lang = (langParam === 'zh' || langParam === 'en') ? langParam : localStorage.getItem('rp-lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const hashKey = new URLSearchParams(location.hash.slice(1)).get('key');
if (hashKey) { sessionStorage.setItem('rp-key', hashKey); history.replaceState(null, '', location.pathname + location.search); }
let key = sessionStorage.getItem('rp-key');
const $ = (id) => document.getElementById(id);
const pct = (x) => (x * 100).toFixed(1) + '%';
const dur = (ms) => ms == null ? '—' : ms < 60000 ? Math.round(ms / 1000) + 's' : ms < 3600000 ? Math.round(ms / 60000) + 'm' : (ms / 3600000).toFixed(1) + 'h';
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function label(name) { return T[lang].names[name] ? T[lang].names[name] + ' ' + name : name; }
function renderFunnel(el, group) {
  const max = Math.max(1, group.steps[0]?.count || 0), t = T[lang];
  el.innerHTML = group.steps.map((s) => '<div class="row"><span>' + esc(label(s.name)) + '</span><div class="bar" style="width:' + Math.max(0.5, 100 * s.count / max) + '%"></div><span>' + s.count.toLocaleString() + ' · ' + pct(s.conversionFromFirst) + '</span></div>').join('')
    + '<table><tr><th>' + t.step + '</th><th>' + t.persons + '</th><th>' + t.fromPrev + '</th><th>' + t.fromFirst + '</th><th>' + t.median + '</th></tr>'
    + group.steps.map((s) => '<tr><td>' + esc(label(s.name)) + '</td><td>' + s.count.toLocaleString() + '</td><td>' + pct(s.conversionFromPrevious) + '</td><td>' + pct(s.conversionFromFirst) + '</td><td>' + dur(s.medianMsFromPrevious) + '</td></tr>').join('') + '</table>';
}
async function load() {
  const t = T[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  $('title').textContent = t.title; $('h-funnel').textContent = t.funnel; $('h-platform').textContent = t.platform;
  $('lbl-window').textContent = t.window; $('lang').textContent = t.lang; $('note').textContent = t.note;
  if (!key) { key = prompt(t.key) || ''; sessionStorage.setItem('rp-key', key); }
  try {
    const res = await fetch('/v1/funnel?by=platform&window=' + $('window').value, { headers: { authorization: 'Bearer ' + key } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error ? body.error.code + ': ' + (lang === 'zh' ? body.error.messageZh : body.error.message) : res.status);
    renderFunnel($('funnel'), body.overall);
    $('by-platform').innerHTML = '';
    for (const g of body.groups) { const d = document.createElement('div'); d.innerHTML = '<h3>' + esc(T[lang].platforms[g.group] || g.group) + '</h3>'; const f = document.createElement('div'); d.appendChild(f); renderFunnel(f, g); $('by-platform').appendChild(d); }
  } catch (e) { $('funnel').innerHTML = '<p class="err">' + esc(t.error + e.message) + '</p>'; }
}
$('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('rp-lang', lang); load(); };
$('window').onchange = load;
load();
</script></body></html>`;
