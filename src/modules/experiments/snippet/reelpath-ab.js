/*
 * reelpath-ab.js — Reelpath A/B assignment for browsers and WeChat mini-programs (ES5, no dependencies).
 *
 * EN  Hashing and bucketing are GrowthBook-compatible, so the browser and the server agree:
 *     ReelpathAB.hash(seed, value, version)  -> number in [0, 1), or null for an unknown version
 *     ReelpathAB.assign(experiment, attributes) -> { variationId, value, inExperiment, hashUsed }
 *       experiment: { key, variations, weights?, coverage?, hashAttribute? ('id'), seed? (key),
 *                     hashVersion? (1), namespace? [id, start, end], ranges? [[start, end], ...] }
 *       Targeting conditions are evaluated on the server, not here.
 *     ReelpathAB.fetchAssignments(options, function (err, result) { ... })
 *       GET {endpoint}/v1/assign?key=<identity key>&experiments=a,b&platform=…&attr.<name>=…
 *       options: endpoint, apiKey (the write key, sent as "Authorization: Bearer <apiKey>"),
 *                key ('anon:…', 'user:42') or identity ({ anonymousId: '...' } or { userId: '...' }),
 *                experiments (keys, optional), attributes ({ platform, creatorId, liveId, ... }, optional),
 *                expose (false: do not record exposures), timeout (ms), request (wx.request-style; else XMLHttpRequest).
 *       result: { personId, experiments: [{ key, variation, value, inExperiment, ... }], features: { flag: value } }.
 *       Assigning locally with assign()? Report each exposure as an `exposure` event (experimentId, variantId).
 *     Load with <script src="reelpath-ab.js"></script> (window.ReelpathAB) or require('./reelpath-ab.js').
 *
 * 中文 分流哈希与分桶算法与 GrowthBook 兼容，浏览器端与服务端结果一致：
 *     ReelpathAB.hash(seed, value, version)：返回 [0, 1) 之间的数；未知版本返回 null。
 *     ReelpathAB.assign(experiment, attributes)：返回 { variationId, value, inExperiment, hashUsed }；
 *       支持 key、variations、weights、coverage、hashAttribute、seed、hashVersion、namespace、ranges，
 *       人群定向条件（condition）只在服务端计算。
 *     ReelpathAB.fetchAssignments(options, callback)：请求 GET {endpoint}/v1/assign?key=<身份键>&experiments=…，
 *       apiKey 为写入密钥，以 "Authorization: Bearer …" 发送；key 例如 'anon:…'，或 identity { anonymousId: '…' }；
 *       小程序中传入 request: wx.request（不依赖 fetch），否则使用 XMLHttpRequest；回调为 (err, result)，
 *       result 含 experiments（各实验分组与取值）与 features（功能开关）。在本地用 assign() 分组时，
 *       请以 exposure 事件（experimentId、variantId）上报曝光。
 *     小程序中：var ab = require('./reelpath-ab.js');
 */
/* global XMLHttpRequest, module, globalThis, window */
(function (root) {
  'use strict';

  // 32-bit multiply by the FNV prime 0x01000193; Math.imul where present, exact 16-bit halves otherwise.
  var mulPrime = Math.imul ? function (h) { return Math.imul(h, 0x01000193); } : function (h) {
    var lo = h & 0xffff;
    var hi = h >>> 16;
    return (lo * 0x01000193 + (((hi * 0x01000193) & 0xffff) << 16)) | 0;
  };

  function fnv32a(text) {
    var h = 0x811c9dc5 | 0;
    for (var i = 0; i < text.length; i++) h = mulPrime(h ^ text.charCodeAt(i));
    return h >>> 0;
  }

  function hash(seed, value, version) {
    seed = String(seed);
    value = String(value);
    if (version === 2) return (fnv32a(String(fnv32a(seed + value))) % 10000) / 10000;
    if (version === 1) return (fnv32a(value + seed) % 1000) / 1000;
    return null;
  }

  function bucketRanges(count, coverage, weights) {
    var cover = coverage == null ? 1 : coverage > 1 ? 1 : coverage >= 0 ? coverage : 0;
    var total = 0;
    var i;
    for (i = 0; weights && i < weights.length; i++) total += weights[i];
    if (!weights || weights.length !== count || total < 0.99 || total > 1.01) {
      weights = [];
      for (i = 0; i < count; i++) weights.push(1 / count);
    }
    var ranges = [];
    var start = 0;
    for (i = 0; i < count; i++) {
      ranges.push([start, start + cover * weights[i]]);
      start += weights[i];
    }
    return ranges;
  }

  function assign(exp, attributes) {
    var vars = exp.variations || [];
    var raw = (attributes || {})[exp.hashAttribute || 'id'];
    var id = raw ? String(raw) : '';
    var ns = exp.namespace;
    var i = -1;
    if (vars.length > 1 && id !== '' && (!ns || inRange(hash('__' + ns[0], id, 1), ns[1], ns[2]))) {
      var n = hash(exp.seed || exp.key, id, exp.hashVersion || 1);
      var ranges = n === null ? [] : exp.ranges || bucketRanges(vars.length, exp.coverage, exp.weights);
      for (var j = 0; j < ranges.length && i < 0; j++) if (inRange(n, ranges[j][0], ranges[j][1])) i = j;
    }
    var inside = i >= 0;
    return { variationId: inside ? i : 0, value: vars[inside ? i : 0], inExperiment: inside, hashUsed: inside };
  }

  function inRange(n, start, end) { return n >= start && n < end; }

  var DIRECT = { platform: 1, creatorId: 1, liveId: 1 };

  // The server's GET /v1/assign: key = the identity key (anon:…, user:…), experiments = keys, attributes.
  function buildUrl(o) {
    var who = o.identity || {};
    var key = o.key || (who.userId ? 'user:' + who.userId : who.anonymousId ? 'anon:' + who.anonymousId : '');
    var q = ['key=' + encodeURIComponent(key)];
    if (o.experiments && o.experiments.length) q.push('experiments=' + encodeURIComponent(o.experiments.join(',')));
    if (o.expose === false) q.push('expose=false');
    var attrs = o.attributes || {};
    for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
      q.push(encodeURIComponent(DIRECT[k] ? k : 'attr.' + k) + '=' + encodeURIComponent(attrs[k]));
    }
    return String(o.endpoint || '').replace(/\/+$/, '') + '/v1/assign?' + q.join('&');
  }

  function fetchAssignments(o, callback) {
    var done = false;
    function finish(err, body) {
      if (done) return;
      done = true;
      if (!err && typeof body === 'string') {
        try { body = JSON.parse(body); } catch (e) { err = new Error('reelpath-ab: invalid JSON'); }
      }
      if (err) return callback(err, null);
      callback(null, body);
    }
    function httpError(status) { return new Error('reelpath-ab: HTTP ' + status); }
    var url = buildUrl(o);
    var auth = 'Bearer ' + o.apiKey;
    if (typeof o.request === 'function') {
      o.request({
        url: url, method: 'GET', header: { Authorization: auth }, timeout: o.timeout,
        success: function (res) { var s = res && res.statusCode; finish(s >= 200 && s < 300 ? null : httpError(s), res && res.data); },
        fail: function (e) { finish(new Error('reelpath-ab: ' + ((e && e.errMsg) || 'request failed'))); }
      });
      return;
    }
    if (typeof XMLHttpRequest === 'undefined') return finish(new Error('reelpath-ab: no request function'));
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url, true);
    xhr.setRequestHeader('Authorization', auth);
    if (o.timeout) xhr.timeout = o.timeout;
    xhr.onreadystatechange = function () {
      if (xhr.readyState === 4) finish(xhr.status >= 200 && xhr.status < 300 ? null : httpError(xhr.status), xhr.responseText);
    };
    xhr.send();
  }

  var api = { hash: hash, assign: assign, fetchAssignments: fetchAssignments };
  if (root) root.ReelpathAB = api;
  if (typeof module === 'object' && module) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : this);
