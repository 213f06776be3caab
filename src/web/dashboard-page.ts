import { DASHBOARD_APP_JS } from './dashboard-app.js';
import { DASHBOARD_CHARTS_JS } from './dashboard-charts.js';
import { DASHBOARD_I18N_JS } from './dashboard-i18n.js';

/**
 * The dashboard page: KPI radar, funnel with breakdown, path Sankey, decision time, retention table,
 * RFM segment sizes and attribution table, in Simplified Chinese or English. Self-contained HTML (no
 * build step). The secret key comes from the URL fragment (#key=…, never sent to the server in the URL)
 * or a prompt; `?lang=zh|en` picks the language, else the last choice, else the browser's.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Reelpath</title><link rel="icon" href="data:,">
<style>
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:0;background:#f6f7fb;color:#1f2330}
header{display:flex;align-items:center;gap:16px;padding:14px 24px;background:#151a2d;color:#fff;position:sticky;top:0;z-index:1}
header h1{font-size:18px;margin:0}header .sp{flex:1}
button,select,input{font:inherit;padding:4px 10px;border-radius:6px;border:1px solid #c9cede}
main{padding:20px 24px;max-width:1200px}
.card{background:#fff;border-radius:10px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h2{font-size:16px;margin:0 0 12px;display:flex;gap:12px;align-items:center}.card h2 .sp{flex:1}.card h3{font-size:13px;margin:8px 0 4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:6px 8px;border-bottom:1px solid #eceef4;text-align:right}
th:first-child,td:first-child{text-align:left}
.bar{height:18px;background:linear-gradient(90deg,#ff5a5f,#ff9a5a);border-radius:4px}
.row{display:grid;grid-template-columns:170px 1fr 150px;align-items:center;gap:10px;margin:3px 0;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px 24px}
.grid .row{grid-template-columns:120px 1fr 70px}
.split{display:grid;grid-template-columns:500px 1fr;gap:16px;align-items:center}
.two{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.muted{color:#7a8094;font-size:12px}.err{color:#c62828}
@media (max-width:900px){.split,.two{grid-template-columns:1fr}}
</style></head>
<body>
<header><h1 data-t="title"></h1><span class="sp"></span><button id="lang"></button></header>
<main>
<section class="card"><h2 data-t="radar"></h2><div id="radar"></div></section>
<section class="card"><h2><span data-t="funnel"></span><span class="sp"></span>
<label data-t="window"></label><select id="window"><option>1h</option><option selected>24h</option><option>7d</option></select>
<label data-t="by"></label><select id="funnel-by"></select><label data-t="count"></label><select id="funnel-count"></select></h2>
<div id="funnel"></div><p class="muted" data-t="funnelNote"></p></section>
<section class="card"><h2 data-t="paths"></h2><div id="paths"></div></section>
<div class="two">
<section class="card"><h2 data-t="decision"></h2><div id="decision"></div><h2 data-t="pathLength"></h2><div id="pathLength"></div></section>
<section class="card"><h2 data-t="segments"></h2><div id="segments"></div></section>
</div>
<section class="card"><h2 data-t="retention"></h2><div id="retention"></div></section>
<section class="card"><h2 data-t="attribution"></h2><div id="attribution"></div></section>
</main>
<script type="module">
${DASHBOARD_I18N_JS}
${DASHBOARD_CHARTS_JS}
${DASHBOARD_APP_JS}
</script></body></html>`;
