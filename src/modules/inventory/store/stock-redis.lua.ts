/**
 * The Lua scripts of the Redis stock adapter (`stock.redis.ts`). Each batch (adjust, reserve, settle) is
 * one script, so Redis applies it atomically; the decisions mirror `domain/stock-plan.ts` line for line.
 * Scripts build every key themselves (standalone Redis or one shard: keys are not declared in KEYS).
 *
 * Every script takes ARGV[1] = key prefix (default `rp:`), ARGV[2] = tenant. Components are escaped
 * (`%` → `%25`, `:` → `%3A`) so names holding `:` cannot collide. With P = prefix, t = tenant:
 *
 * | key                       | type | content                                                          |
 * | ------------------------- | ---- | ---------------------------------------------------------------- |
 * | `P stock:t:sku:warehouse` | hash | available, reserved, sold, updatedAt (integers as decimal text)  |
 * | `P skus:t`                | set  | SKUs of the tenant with a stock row (for `levels`)               |
 * | `P whs:t:sku`             | set  | warehouses of that SKU with a stock row                          |
 * | `P tenants`               | zset | tenants with any stock row, score 0 (byte order)                 |
 * | `P hold:t:holder`         | hash | state, lines (JSON of the merged lines), deadline, updatedAt     |
 * | `P held:t`                | zset | holders in state `held`, score 0 (byte order)                    |
 * | `P due`                   | zset | held reservations of every tenant, score = deadline, member =    |
 * |                           |      | holder (`\0` → `\1\1`, `\1` → `\1\2`) `\0` tenant: ties by holder |
 * | `P mov:t`                 | list | Movement JSON, newest first (LPUSH inside the batch's script)    |
 * | `P mov-sku:t:sku`         | list | the same movements of one SKU, newest first                      |
 *
 * Numbers cross into Redis as decimal text (`%d`): cjson would print more than 14 digits in exponent form.
 */

const PREAMBLE = String.raw`
local P, T = ARGV[1], ARGV[2]
local function esc(s) return (string.gsub(string.gsub(s, '%%', '%%25'), ':', '%%3A')) end
local function key(kind, ...)
  local parts = { P .. kind }
  for _, v in ipairs({ ... }) do parts[#parts + 1] = esc(v) end
  return table.concat(parts, ':')
end
local function int(n) return string.format('%d', n) end
local function member(tenant, holder)
  return (string.gsub(holder, '[%z\1]', { ['\0'] = '\1\1', ['\1'] = '\1\2' })) .. '\0' .. tenant
end
`;

/** Stock rows read once, changed in memory, written at the end: a script that fails writes nothing. */
const ROWS = String.raw`
local rows, changed = {}, {}
local function row(sku, wh)
  local k = key('stock', T, sku, wh)
  local r = rows[k]
  if not r then
    local v = redis.call('HMGET', k, 'available', 'reserved', 'sold')
    r = { key = k, sku = sku, wh = wh, exists = v[1] ~= false, a = tonumber(v[1]) or 0, r = tonumber(v[2]) or 0, s = tonumber(v[3]) or 0 }
    rows[k] = r
  end
  return r
end
local function touch(r)
  if not r.dirty then r.dirty = true; changed[#changed + 1] = r end
end
-- Levels in the order the batch first changed them (as the SQL adapter returns them).
local function writeRows(at)
  local levels = {}
  for _, r in ipairs(changed) do
    redis.call('HSET', r.key, 'available', int(r.a), 'reserved', int(r.r), 'sold', int(r.s), 'updatedAt', at)
    if not r.exists then
      redis.call('SADD', key('skus', T), r.sku)
      redis.call('SADD', key('whs', T, r.sku), r.wh)
    end
    levels[#levels + 1] = { r.sku, r.wh, r.a, r.r, r.s }
  end
  if #changed > 0 then redis.call('ZADD', key('tenants'), 0, T) end
  return levels
end
`;

/**
 * ARGV[3] = JSON [{sku, warehouse, delta, rec}] (valid deltas only; `rec` = the movement's JSON without
 * availableAfter), ARGV[4] = at. Returns [availableAfter per item, or -1 when short; changed levels].
 */
const ADJUST = String.raw`
local items, at = cjson.decode(ARGV[3]), ARGV[4]
local after, moves = {}, {}
for i, it in ipairs(items) do
  local r = row(it.sku, it.warehouse)
  if it.delta < 0 and -it.delta > r.a then
    after[i] = -1
  else
    r.a = r.a + it.delta
    touch(r)
    after[i] = r.a
    moves[#moves + 1] = { it.sku, string.sub(it.rec, 1, -2) .. ',"availableAfter":' .. int(r.a) .. '}' }
  end
end
local levels = writeRows(at)
for _, m in ipairs(moves) do
  redis.call('LPUSH', key('mov', T), m[2])
  redis.call('LPUSH', key('mov-sku', T, m[1]), m[2])
end
return { after, levels }
`;

/**
 * ARGV[3] = JSON [{holder, deadline, json, lines, bad?}] (lines merged per SKU × warehouse and valid;
 * `bad` = the first invalid line), ARGV[4] = at. Outcomes: {'replay'} | {'ok'} | {'bad', sku, wh} |
 * {'short', sku, wh, available}.
 */
const RESERVE = String.raw`
local reqs, at = cjson.decode(ARGV[3]), ARGV[4]
local states, held, outcomes = {}, {}, {}
for i, q in ipairs(reqs) do
  local prior = states[q.holder]
  if prior == nil then
    prior = redis.call('HGET', key('hold', T, q.holder), 'state')
    states[q.holder] = prior
  end
  if prior == 'held' or prior == 'confirmed' then
    outcomes[i] = { 'replay' }
  elseif q.bad then
    outcomes[i] = { 'bad', q.bad.sku, q.bad.warehouse }
  else
    local short
    for _, l in ipairs(q.lines) do
      local r = row(l.sku, l.warehouse)
      if l.quantity > r.a then short = { 'short', l.sku, l.warehouse, r.a }; break end
    end
    if short then
      outcomes[i] = short
    else
      for _, l in ipairs(q.lines) do
        local r = row(l.sku, l.warehouse)
        r.a = r.a - l.quantity
        r.r = r.r + l.quantity
        touch(r)
      end
      states[q.holder] = 'held'
      held[#held + 1] = q
      outcomes[i] = { 'ok' }
    end
  end
end
local levels = writeRows(at)
for _, q in ipairs(held) do
  redis.call('HSET', key('hold', T, q.holder), 'state', 'held', 'lines', q.json, 'deadline', int(q.deadline), 'updatedAt', at)
  redis.call('ZADD', key('held', T), 0, q.holder)
  redis.call('ZADD', key('due'), int(q.deadline), member(T, q.holder))
end
return { outcomes, levels }
`;

/**
 * ARGV[3] = JSON [holder, …], ARGV[4] = at, ARGV[5] = confirm | release | restock. Outcomes:
 * {'ok', state} | {'replay', state} | {code, state or 'none'}.
 */
const SETTLE = String.raw`
local holders, at, action = cjson.decode(ARGV[3]), ARGV[4], ARGV[5]
local from = action == 'restock' and 'confirmed' or 'held'
local target = ({ confirm = 'confirmed', release = 'released', restock = 'restocked' })[action]
local refusal = action == 'restock' and 'inventory_nothing_sold' or 'inventory_nothing_reserved'
local views, states, done, outcomes = {}, {}, {}, {}
local function move(r, q)
  if action == 'restock' then
    if q > r.s then return false end
    r.s = r.s - q; r.a = r.a + q
  else
    if q > r.r then return false end
    r.r = r.r - q
    if action == 'confirm' then r.s = r.s + q else r.a = r.a + q end
  end
  touch(r)
  return true
end
for i, h in ipairs(holders) do
  local view = views[h]
  if view == nil then
    local v = redis.call('HMGET', key('hold', T, h), 'state', 'lines')
    view = v[1] and { state = v[1], lines = v[2] } or false
    views[h] = view
  end
  local state = states[h] or (view and view.state) or nil
  if state == target then
    outcomes[i] = { 'replay', state }
  elseif not view or state ~= from then
    outcomes[i] = { refusal, state or 'none' }
  else
    for _, l in ipairs(cjson.decode(view.lines)) do
      if not move(row(l.sku, l.warehouse), l.quantity) then
        return redis.error_reply('INVARIANT inventory: ' .. action .. ' of ' .. int(l.quantity) .. ' x ' .. l.sku .. '@' .. l.warehouse .. ' for ' .. h .. ' broke the stock invariant')
      end
    end
    states[h] = target
    done[#done + 1] = h
    outcomes[i] = { 'ok', target }
  end
end
local levels = writeRows(at)
for _, h in ipairs(done) do
  redis.call('HSET', key('hold', T, h), 'state', target, 'updatedAt', at)
  redis.call('ZREM', key('held', T), h)
  redis.call('ZREM', key('due'), member(T, h))
end
return { outcomes, levels }
`;

/** ARGV[3] = JSON [sku, …] or '' for every SKU. Returns [sku, warehouse, available, reserved, sold] rows. */
const LEVELS = String.raw`
local skus = ARGV[3] == '' and redis.call('SMEMBERS', key('skus', T)) or cjson.decode(ARGV[3])
local out = {}
for _, sku in ipairs(skus) do
  for _, wh in ipairs(redis.call('SMEMBERS', key('whs', T, sku))) do
    local v = redis.call('HMGET', key('stock', T, sku, wh), 'available', 'reserved', 'sold')
    out[#out + 1] = { sku, wh, v[1], v[2], v[3] }
  end
end
return out
`;

/** ARGV[3] = now, ARGV[4] = limit (ARGV[2] unused). Returns [tenant, holder] pairs, oldest deadline first. */
const DUE = String.raw`
local out = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', key('due'), '-inf', ARGV[3], 'LIMIT', 0, ARGV[4])) do
  local sep = string.find(m, '\0', 1, true)
  local holder = string.gsub(string.sub(m, 1, sep - 1), '\1(.)', function(c) return c == '\1' and '\0' or '\1' end)
  out[#out + 1] = { string.sub(m, sep + 1), holder }
end
return out
`;

/** The scripts by ioredis command name; each runs with ARGV = [prefix, tenant, …]. */
export const STOCK_SCRIPTS = {
  stockAdjust: PREAMBLE + ROWS + ADJUST,
  stockReserve: PREAMBLE + ROWS + RESERVE,
  stockSettle: PREAMBLE + ROWS + SETTLE,
  stockLevels: PREAMBLE + LEVELS,
  stockDue: PREAMBLE + DUE,
  /** ARGV[3] = holder. Returns [state, lines, deadline, updatedAt] (nil state when unknown). */
  stockReservation: `${PREAMBLE}return redis.call('HMGET', key('hold', T, ARGV[3]), 'state', 'lines', 'deadline', 'updatedAt')`,
  stockHeld: `${PREAMBLE}return redis.call('ZRANGE', key('held', T), 0, -1)`,
  stockTenants: `${PREAMBLE}return redis.call('ZRANGE', key('tenants'), 0, -1)`,
  /** ARGV[3] = limit (> 0), ARGV[4] = sku (absent: every SKU). */
  stockMovements: `${PREAMBLE}return redis.call('LRANGE', ARGV[4] and key('mov-sku', T, ARGV[4]) or key('mov', T), 0, tonumber(ARGV[3]) - 1)`,
} as const;

export type StockScript = keyof typeof STOCK_SCRIPTS;
