/**
 * The one error catalogue. Every error code Reelpath can return lives here, with its HTTP status,
 * a bilingual description and what to do (CLI exit codes derive from the status in
 * src/cli/cli-context.ts). `docs/errors.md` is rendered from it (`npm run docs`) and a test keeps the
 * two in sync. A shipped code is never renamed or reused: add a new one instead.
 */
export interface ErrorSpec {
  /** HTTP status the API answers with. */
  readonly status: number;
  /** What the code means, in English. */
  readonly en: string;
  /** What the code means, in Simplified Chinese. */
  readonly zh: string;
  /** What the caller should do next (English). */
  readonly action: string;
}

const spec = (status: number, en: string, zh: string, action: string): ErrorSpec => ({ status, en, zh, action });

export const ERROR_CATALOGUE = {
  // config
  config_invalid: spec(500, 'Configuration is invalid', '配置无效', 'Fix the listed keys in env, config file or flags; run `reelpath config` to check.'),
  // api
  api_unauthorized: spec(401, 'Missing or unknown API key', '缺少或无效的 API 密钥', 'Send `Authorization: Bearer <key>`; create keys with `reelpath tenant create`.'),
  api_forbidden: spec(403, 'This key may not perform this action', '该密钥无权执行此操作', 'Use a secret key (rp_sec_…) for reads and administration; write keys can only ingest.'),
  api_not_found: spec(404, 'No such resource for this tenant', '该租户下不存在此资源', 'Check the id and that it belongs to the tenant of your key.'),
  api_unsupported_media_type: spec(415, 'Unsupported content type', '不支持的内容类型', 'Send application/json or application/x-ndjson, optionally gzip-encoded.'),
  api_body_too_large: spec(413, 'Request body exceeds the configured limit', '请求体超过配置上限', 'Split the batch or raise `api.bodyLimitBytes`.'),
  api_malformed_body: spec(400, 'Request body is not valid JSON', '请求体不是有效的 JSON', 'Send a JSON array of events or one JSON object per line (NDJSON).'),
  api_bad_encoding: spec(400, 'Content-Encoding could not be decoded', '无法解码 Content-Encoding', 'Send gzip-compressed bodies with `Content-Encoding: gzip`, or send plain bodies.'),
  api_invalid_request: spec(400, 'Request parameters are invalid', '请求参数无效', 'Check the parameters against the OpenAPI document at /docs.'),
  api_admin_token_required: spec(401, 'Missing or wrong admin token', '缺少或错误的管理员令牌', 'Send the token from `REELPATH_ADMIN_TOKEN` as a Bearer token.'),
  api_shutting_down: spec(503, 'Server is shutting down', '服务正在关闭', 'Retry the request against a running instance.'),
  internal_error: spec(500, 'Internal error', '内部错误', 'Retry; if it persists, report the request id from the logs.'),
  // events
  events_malformed_line: spec(400, 'An NDJSON line is not valid JSON', 'NDJSON 行不是有效的 JSON', 'Fix the line; the other lines were processed.'),
  events_not_object: spec(400, 'Event is not a JSON object', '事件不是 JSON 对象', 'Send each event as a JSON object.'),
  events_unknown_name: spec(400, 'Unknown event name', '未知事件名称', 'Use one of the canonical names listed in the event schema (/v1/schema).'),
  events_missing_field: spec(400, 'A required field is missing', '缺少必填字段', 'Add the field named in the reason.'),
  events_invalid_field: spec(400, 'A field has the wrong type or format', '字段类型或格式错误', 'Fix the field named in the reason (money is integer fen, time is epoch ms or ISO-8601).'),
  events_missing_identity: spec(400, 'Event carries no identity', '事件缺少身份标识', 'Add at least one of anonymousId, openId, unionId, buyerId, phoneHash, userId.'),
  events_clock_skew: spec(400, 'Timestamp is beyond the allowed clock skew', '时间戳超出允许的时钟偏差', 'Send event time in UTC epoch ms; future events beyond `events.maxFutureSkewMs` are refused.'),
  events_duplicate_id: spec(400, 'eventId repeats an earlier item of the same batch', '同一批次内 eventId 重复', 'Give each event a unique eventId; the first copy was kept.'),
  events_batch_too_large: spec(413, 'Batch has more events than allowed', '批次事件数超过上限', 'Split into batches of at most `events.maxBatchSize` events.'),
  events_log_load_failed: spec(503, 'A segment of the ingest log could not be loaded into the event store', '摄入日志分段无法载入事件存储', 'The segment named in the message is kept; check disk space and the file, then restart. Accepted events are not lost.'),
  events_tenant_mismatch: spec(400, 'Event names a different tenant than the key', '事件的租户与密钥不符', 'Drop the tenant field or use the key of that tenant.'),
  // import
  import_unknown_format: spec(400, 'Unknown import format', '未知的导入格式', 'Use one of: ndjson, csv, parquet, rees46, taobao, online-retail.'),
  import_file_not_found: spec(404, 'Import file not found', '找不到导入文件', 'Check the path.'),
  import_bad_row: spec(400, 'A row could not be parsed', '无法解析该行', 'Fix or remove the row; the other rows were imported.'),
  import_unmapped_row: spec(400, 'A valid row has no canonical meaning and was skipped', '该行有效但没有对应的标准事件，已跳过', 'Nothing to fix: the reason names the row kind (e.g. remove_from_cart); see src/modules/importer/FORMATS.md.'),
  import_bad_header: spec(400, 'The file header does not match the format', '文件表头与格式不符', 'Check --format against the file columns.'),
  // platforms
  platforms_unknown: spec(404, 'Unknown platform adapter', '未知的平台适配器', 'Use one of: douyin_shop, kuaishou_shop, wechat_channels_shop, tiktok_shop.'),
  platforms_bad_payload: spec(400, 'Platform message does not match the documented shape', '平台消息格式与文档不符', 'Check the message against the adapter README.'),
  // identity
  identity_invalid_link: spec(400, 'Identify or alias call is invalid', 'identify 或 alias 调用无效', 'Give two different identifiers.'),
  identity_person_not_found: spec(404, 'No such person for this tenant', '该租户下不存在此用户', 'Resolve the person with GET /v1/persons?key=<identity key>, e.g. key=openid:douyin:abc.'),
  // privacy
  privacy_unknown_purpose: spec(400, 'Unknown consent purpose', '未知的授权目的', 'Use analytics, personalization or marketing.'),
  // tenants
  tenants_exists: spec(409, 'Tenant already exists', '租户已存在', 'Choose another tenant id.'),
  tenants_not_found: spec(404, 'Tenant not found', '未找到租户', 'Create it with `reelpath tenant create <id>`.'),
  // storage
  storage_unavailable: spec(503, 'Storage is unavailable', '存储不可用', 'Check REELPATH_DB_URL / data directory and that the server is running.'),
  storage_unsupported_url: spec(500, 'Storage URL scheme is not supported', '不支持该存储 URL', 'Use an embedded path or postgres://…'),
  // funnels
  funnels_invalid_steps: spec(400, 'Funnel steps are invalid', '漏斗步骤无效', 'Give at least two canonical event names, comma-separated.'),
  funnels_invalid_window: spec(400, 'Funnel window is invalid', '漏斗窗口无效', 'Use a duration such as 30m, 24h or 7d.'),
  alerts_not_found: spec(404, 'No such alert', '没有该告警', 'List the alerts of the tenant (GET /v1/alerts?status=all) and use one of their ids.'),
  alerts_not_active: spec(409, 'The alert is no longer firing', '该告警已恢复，无需确认', 'Only firing alerts can be acknowledged; a resolved one needs nothing more.'),
  notifications_invalid_url: spec(400, 'The webhook URL is invalid', 'Webhook 地址无效', 'Give an http(s) URL that Reelpath can reach.'),
  notifications_endpoint_not_found: spec(404, 'No such webhook endpoint', '没有该 Webhook 端点', 'List the endpoints of the tenant and use one of their ids.'),
  notifications_signature_missing: spec(401, 'A delivery has no signature or timestamp', '推送缺少签名或时间戳', 'Reject it: a genuine Reelpath delivery carries reelpath-timestamp and reelpath-signature.'),
  notifications_signature_mismatch: spec(401, 'A delivery signature does not match', '推送签名不匹配', 'Reject it; check the endpoint secret and that the body is verified byte for byte before parsing.'),
  notifications_timestamp_outside_window: spec(401, 'A delivery timestamp is outside the replay window', '推送时间戳超出防重放窗口', 'Reject it (a replay or a skewed clock); check the receiver clock.'),
  kpi_invalid_target: spec(400, 'A KPI target is invalid', 'KPI 目标值无效', 'Write targets as key=number, comma-separated, with keys ctr, playToClick, clickToPay, repurchaseRate, decisionMinutes, refundRate, fulfilmentHours, gpm.'),
  funnels_invalid_options: spec(400, 'Funnel options are invalid', '漏斗选项无效', 'Fix the option named in the message (mode, windowFrom, gaps, filters, exclusions, count, nextEvents).'),
  // paths
  paths_invalid_anchor: spec(400, 'Path anchor is invalid', '路径锚点事件无效', 'Paths: give exactly one of start or end. Decision time: start and end must be different events.'),
  paths_unknown_event: spec(400, 'Not a canonical event name', '不是标准事件名称', 'Use canonical event names, e.g. product_click, detail_view, pay (see /v1/schema).'),
  paths_invalid_limit: spec(400, 'Path depth or top is out of range', '路径深度或数量超出范围', 'Use an integer depth from 1 to 20 and top from 1 to 100.'),
  paths_invalid_window: spec(400, 'Path window is invalid', '路径窗口无效', 'Use a positive duration such as 30m, 24h or 7d, or leave it out.'),
  paths_invalid_range: spec(400, 'Time range is invalid', '时间范围无效', 'Make from earlier than to; for a comparison give both compareFrom and compareTo.'),
  paths_invalid_breakdown: spec(400, 'Unknown breakdown dimension', '未知的细分维度', 'Use one of platform, creatorId, videoId, liveId, productId, categoryId, priceBand.'),
  // attribution
  attribution_invalid_model: spec(400, 'Unknown attribution model', '未知的归因模型', 'Use one of first_touch, last_touch, linear, time_decay, position_based, markov, shapley.'),
  attribution_invalid_option: spec(400, 'An attribution option is invalid', '归因选项无效', 'Fix the option named in the message: order 1–4, by platform|creatorId|videoId|liveId, windows and half-life as durations such as 1d or 7d.'),
  attribution_path_file_unreadable: spec(400, 'The path file could not be read', '无法读取路径文件', 'Check the path given to --paths and that the file is readable UTF-8 text.'),
  attribution_path_file_empty: spec(400, 'The path file has no header or no rows', '路径文件为空或没有数据行', 'Send a header `path;total_conversions[;total_conversion_value][;total_null]` followed by one path per line.'),
  attribution_path_file_header: spec(400, 'The path file header is invalid', '路径文件表头无效', 'Name the columns path and total_conversions (optionally total_conversion_value, total_null), separated by ;.'),
  attribution_path_file_row: spec(400, 'Rows of the path file are invalid', '路径文件中有无效行', 'Fix the lines listed in details.errors: channels separated by " > ", counts and values as non-negative numbers.'),
  attribution_no_timestamps: spec(400, 'The model needs touch times the input does not have', '该模型需要触点时间，输入中没有', 'Use time_decay over the event store; for a path file use linear or position_based.'),
  attribution_too_many_states: spec(422, 'The Markov chain has too many states to solve exactly', 'Markov 链状态过多，无法精确求解', 'Lower the order, pick a coarser dimension (e.g. by=platform) or narrow the time range.'),
  // retention
  retention_invalid_option: spec(400, 'A retention option is not one of its allowed values', '留存选项取值无效', 'Use cohort=first_event|first_order, period=week|month, mode=on|on_or_after.'),
  retention_invalid_range: spec(400, 'A retention number or time range is out of range', '留存参数或时间范围超出允许值', 'Use periods 1–120, withinDays 1–3650, limit 0–1000, offset ≥ 0, and from earlier than to.'),
  // segments
  segments_invalid_thresholds: spec(400, 'RFM scores or cut points are invalid', 'RFM 分数档数或切分点无效', 'Use scores 2–10 and, per dimension, exactly scores−1 ascending cut points, e.g. recencyCuts=30,60,90,180.'),
  segments_invalid_rules: spec(400, 'RFM layer rules are invalid', 'RFM 分层规则无效', 'Write rules as layer:R3-5,F4-5;… with layers loyal, high_potential_new, at_risk, dormant and scores within 1–k; with scores other than 5, rules are required.'),
  segments_unknown_layer: spec(400, 'Unknown RFM layer', '未知的 RFM 分层', 'Use loyal, high_potential_new, at_risk, dormant or other.'),
  // allocation and recommendation
  allocation_invalid_policy: spec(400, 'The allocation policy is invalid', '流量分配策略无效', 'Fix every problem listed in details.problems: weights are numbers in [0, 1] summing to 1 over the published components, parameters within their ranges (GET /v1/allocation/policy shows the current one).'),
  allocation_policy_not_found: spec(404, 'No such allocation policy version', '没有该流量分配策略版本', 'List the versions with GET /v1/allocation/policy/versions and use one of them; version 0 is the built-in default.'),
  recommend_invalid_request: spec(400, 'A recommendation parameter is invalid', '推荐请求参数无效', 'Fix the parameter named in the message: n 1–100, slot a short name (letters, digits, _ -), priceBand one of <50, 50-200, 200-500, 500+, person a person id (per_…) or an identity key such as user:42.'),
  // recommend
  recommend_dataset_not_found: spec(404, 'The evaluation dataset is not where it was looked for', '找不到评估数据集', 'Put the dataset folder (e.g. movielens-100k/ml-100k/u.data) under the datasets folder, or point --data-dir / REELPATH_DATA_DIR at the folder that holds it.'),
  recommend_dataset_invalid: spec(400, 'A line of the evaluation dataset is malformed', '评估数据集中有格式错误的行', 'Check the file named in the message against its SOURCE.md (e.g. u.data: user, item, rating, unix seconds, tab-separated).'),
  recommend_invalid_option: spec(400, 'A recommendation option is invalid', '推荐选项无效', 'Fix the option named in the message: dataset movielens-100k|taobao|rees46, models among popularity,item-knn,sar,als, stratify-by user|item (movielens-100k only).'),
  // experiments
  experiments_invalid_definition: spec(400, 'The experiment definition is invalid', '实验定义无效', 'Fix every problem listed in details.problems (2–10 variations whose weights sum to 1, 1–20 metrics, design and analysis settings within range); GET /v1/experiments shows valid examples.'),
  experiments_key_taken: spec(409, 'An experiment with this key already exists', '该实验 key 已存在', 'Pick another key, or edit the existing experiment (PUT /v1/experiments/{id} while it is a draft).'),
  experiments_not_found: spec(404, 'No such experiment', '没有该实验', 'List experiments with GET /v1/experiments or `reelpath experiment list` and use one of their ids (exp_…).'),
  experiments_invalid_transition: spec(409, 'The experiment cannot move to that state', '实验无法进入该状态', 'Lifecycle: draft → running → stopped ⇄ running, running|stopped → shipped; only drafts can be edited. Check the status in GET /v1/experiments/{id}.'),
  experiments_not_started: spec(409, 'The experiment has not started: there is nothing to analyse', '实验尚未开始，没有可分析的数据', 'Start it (POST /v1/experiments/{id}/start or `reelpath experiment start <id>`) and let exposures arrive first.'),
  experiments_invalid_flag: spec(400, 'The feature flag is invalid', '功能开关定义无效', 'Fix every problem listed in details.problems: a key, a defaultValue, and rules with a value and a coverage in [0, 1].'),
  experiments_flag_not_found: spec(404, 'No such feature flag', '没有该功能开关', 'List flags with GET /v1/flags and use one of their keys.'),
  experiments_invalid_request: spec(400, 'An assignment or analysis parameter is invalid', '分配或分析参数无效', 'Fix the parameter named in the message: an identity (userId, anonymousId, … or person), experiments as comma-separated keys, attributes as short strings.'),
  experiments_invalid_csv: spec(400, 'The CSV cannot be analysed as asked', '无法按要求分析该 CSV', 'Check the columns named in the message exist in the header, the control value occurs in the variant column, and metric columns hold numbers or TRUE/FALSE.'),
  // inventory
  inventory_invalid_catalogue: spec(400, 'A product, SKU or warehouse definition is invalid', '商品、SKU 或仓库定义无效', 'Fix every problem listed in details.problems (ids of 1–64 letters/digits/_.:-, price in integer fen, bundle parts that are plain SKUs, warehouse region such as CN-ZJ with lat/lon).'),
  inventory_invalid_quantity: spec(400, 'A quantity is not a positive whole number', '数量必须是正整数', 'Send quantities as positive integers (units); an adjustment delta is a non-zero integer.'),
  inventory_unknown_sku: spec(400, 'Unknown SKU', '未知的 SKU', 'Define the SKU first (PUT /v1/catalogue or `reelpath stock define`); details.sku names it.'),
  inventory_unknown_warehouse: spec(400, 'Unknown warehouse', '未知的仓库', 'Define the warehouse first (PUT /v1/catalogue); details.warehouse names it.'),
  inventory_insufficient_stock: spec(409, 'Not enough available stock for this change', '可用库存不足', 'Check GET /v1/stock: units reserved by unpaid orders or sold cannot be written off.'),
  inventory_nothing_reserved: spec(409, 'The order holds no reserved units to confirm or release', '该订单没有可确认或释放的预占库存', 'Nothing to do: the reservation was already confirmed, released or never made; GET /v1/orders/{id} shows its state.'),
  inventory_nothing_sold: spec(409, 'The order has no sold units to put back on the shelf', '该订单没有可退回货架的已售库存', 'Nothing to do: the units were restocked already or never confirmed.'),
  // orders
  orders_invalid_request: spec(400, 'The order or callback is invalid', '订单或回调参数无效', 'Fix every problem listed in details.problems (clientKey, buyer, 1–50 lines with sku and quantity, a delivery region such as CN-ZJ or lat/lon).'),
  orders_sold_out: spec(409, 'Sold out: every unit is sold or held by orders awaiting payment', '已售罄：库存已全部售出或被待支付订单占用', 'Tell the buyer it is sold out; details.held units may come back when unpaid orders time out (details.retryAfterMs).'),
  orders_over_limit: spec(409, 'The buyer would exceed the per-buyer limit of this sale', '超出本场活动每人限购数量', 'Lower the quantity: details.limit is the sale limit and details.bought what the buyer already holds.'),
  orders_idempotency_mismatch: spec(422, 'This client key was used for a different order', '该 clientKey 已用于另一笔订单', 'Use a new clientKey for a new order; resend the exact same body to get the first order back.'),
  orders_not_found: spec(404, 'No such order', '没有该订单', 'Check the order id (ord_…) and the tenant of your key; GET /v1/orders lists orders.'),
  orders_invalid_transition: spec(409, 'The order cannot take this step in its current state', '订单当前状态不允许该操作', 'See the order state in GET /v1/orders/{id}; the state machine is in src/modules/orders/README.md.'),
  orders_logistics_out_of_order: spec(409, 'Logistics event out of order', '物流事件顺序错误', 'Send picked → shipped → in transit → delivered, after payment; an older status than the order has is refused and changes nothing.'),
  orders_bad_signature: spec(401, 'The callback signature is missing or does not match', '回调签名缺失或不匹配', 'Send header `reelpath-timestamp: <epoch ms>` and `reelpath-signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the tenant payment secret>` (`reelpath orders secret` prints it).'),
  orders_callback_expired: spec(401, 'The callback timestamp is too old or in the future', '回调时间戳过旧或在未来', 'Sign with the current time; callbacks older than 5 minutes are refused (replays are answered from the first result by callbackId).'),
  orders_amount_mismatch: spec(400, 'The paid amount differs from the order amount', '支付金额与订单金额不符', 'Send the amount in fen exactly as the order shows (GET /v1/orders/{id}); nothing was changed.'),
  orders_sale_not_found: spec(404, 'No such sale', '没有该活动', 'List sales with GET /v1/sales and use one of their ids.'),
  orders_sale_closed: spec(409, 'The sale is not open now', '活动当前未开放', 'Check the sale window (opensAt, closesAt) in GET /v1/sales/{id}.'),
  orders_invalid_sale: spec(400, 'The sale definition is invalid', '活动定义无效', 'Fix every problem listed in details.problems (SKUs that exist, a per-buyer limit ≥ 1, payment timeout 1 min–24 h, ship within 1–720 h).'),
  orders_conflict: spec(409, 'The order changed at the same time; nothing was applied', '订单同时被修改，本次未生效', 'Retry the request: callbacks are idempotent.'),
  // settlement
  settlement_invalid_split: spec(400, 'The commission split is invalid', '分佣规则无效', 'Fees and basis points must be non-negative integers, basis points at most 10,000 in total, fixed fees at most the amount, each party once.'),
  settlement_unknown_account: spec(404, 'Unknown ledger account', '未知的账户', 'Open the account first; the transfer names it in details.'),
  settlement_duplicate_account: spec(409, 'Two accounts share an id', '账户 ID 重复', 'Give each account its own id.'),
  settlement_currency_mismatch: spec(400, 'The transfer currency differs from an account currency', '转账币种与账户币种不符', 'Transfer between accounts of the transfer currency only.'),
  settlement_invalid_amount: spec(400, 'The amount is not a positive whole number of minor units', '金额必须是正整数（分）', 'Send integer fen greater than zero.'),
  settlement_same_account: spec(400, 'Debit and credit are the same account', '借贷方为同一账户', 'Name two different accounts.'),
  settlement_exceeds_limit: spec(409, 'The debit would take the account below its limit', '扣款将使账户低于限额', 'Wait for posted funds, or record a receivable instead.'),
  settlement_duplicate_transfer: spec(409, 'This transfer id was used with other content', '该转账 ID 已用于其他内容', 'Use a new id; resend the same content to get the first result.'),
  settlement_pending_not_found: spec(404, 'No pending transfer with this id', '没有该待结算转账', 'Post or void the id of a pending transfer.'),
  settlement_pending_already_resolved: spec(409, 'The pending transfer was already posted or voided', '待结算转账已过账或已撤销', 'Nothing to do: check the transfer state.'),
  // trace
  trace_batch_not_found: spec(404, 'No such batch', '没有该批次', 'Check the batch code (tr_ and 16 characters, printed on the package or made by POST /v1/trace/batches); GET /v1/trace/batches lists the batches of your key\'s tenant.'),
  trace_invalid_batch: spec(400, 'The batch is invalid', '批次信息无效', 'Fix every problem listed in details.problems: a name of 1–200 characters and, optionally, a productId of 1–64 letters, digits or _.:-.'),
  trace_invalid_entry: spec(400, 'The log entry is invalid', '溯源记录无效', 'Fix the reason given: kind is origin, inspection, certification, logistics, consent_receipt or allocation_policy, body a JSON object with the fields of its kind (see src/modules/trace/README.md), at epoch ms or ISO-8601; the other entries were appended.'),
  trace_proof_out_of_range: spec(400, 'The proof asks for a size or leaf beyond the signed tree', '证明请求的规模或叶子超出已签名的树', 'Ask for sizes up to the newest checkpoint (GET /v1/trace/checkpoint) and leaf indexes below the size; nothing is served beyond a signed tree.'),
  trace_no_checkpoint: spec(404, 'The log has no signed checkpoint yet', '该日志尚无签名检查点', 'Create a batch first (POST /v1/trace/batches): the log gets its first checkpoint then, and one per appended batch after.'),
  trace_invalid_checkpoint: spec(422, 'A signed checkpoint does not verify', '签名检查点验证失败', 'Do not trust the view: the note is malformed, signed by another key or origin, or its signature is wrong; compare the key id with the one the shop publishes.'),
  trace_invalid_proof: spec(422, 'A proof or leaf does not verify against the signed checkpoint', '证明或记录与签名检查点不符', 'Do not trust the entry named in the message: its text or proof was altered or served from another tree.'),
  trace_log_conflict: spec(409, 'Another writer appended to the log at the same time; nothing was applied', '另一个进程同时写入了该日志，本次未生效', 'One process owns a tenant\'s log: append through the running server (its API) instead of a second process, then retry.'),
  trace_log_damaged: spec(500, 'The stored log is incomplete or inconsistent', '存储的日志不完整或不一致', 'Run `reelpath trace audit` to find the damaged entries, subtrees or checkpoints; restore them from a backup.'),
  trace_entry_tampered: spec(500, 'A stored entry was altered or is missing', '存储的记录被篡改或缺失', 'Restore the entry at the leaf index named from a backup; the audit lists every altered leaf.'),
  trace_tree_mismatch: spec(500, 'A stored subtree hash or checkpoint root differs from the tree rebuilt from the entries', '存储的子树哈希或检查点根与由记录重建的树不符', 'Restore the log from a backup; the finding names the first leaf of the subtree or the checkpoint size.'),
  trace_inconsistent_checkpoints: spec(500, 'Two consecutive signed checkpoints are not consistent', '相邻两个签名检查点不一致', 'The log was rewritten between the two sizes named: treat every checkpoint after the earlier one as suspect and restore from a backup.'),
  settlement_refund_exceeds_paid: spec(409, 'The refund is larger than what is left of the paid amount', '退款金额超过订单剩余可退金额', 'Refund at most the paid amount minus earlier refunds; details say what is left.'),
  settlement_order_not_split: spec(404, 'The order has no commission split in the ledger', '该订单在账本中没有分账记录', 'Only paid orders are split; run `reelpath ledger reconcile --repair` if a paid order is missing.'),
  settlement_invalid_rule: spec(400, 'The commission rule is invalid', '分佣规则无效', 'See details.problems: each leg names platform, creator or mcn with basis points (0–10,000) and/or a fixed fee in fen.'),
  // compliance
  compliance_lists_missing: spec(503, 'The compliance word lists were not found', '未找到合规词表', 'Point compliance.listsDir (REELPATH_COMPLIANCE_LISTS) at the folder holding cn-adlaw-banned-words/ and cn-sensitive-lexicon/.'),
  compliance_invalid_text: spec(400, 'The text to check is missing or too long', '待检查文本缺失或过长', 'Send 1–20,000 characters of text.'),
  // cli
  cli_usage: spec(400, 'Command-line usage error', '命令行用法错误', 'Run `reelpath <command> --help`.'),
  cli_port_in_use: spec(409, 'The HTTP port is already in use', 'HTTP 端口已被占用', 'Stop the other process or pick another port with --port (or REELPATH_PORT).'),
} as const satisfies Record<string, ErrorSpec>;

/** Every error code Reelpath can return. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Looks up the spec of an error code. */
export function describeError(code: ErrorCode): ErrorSpec {
  return ERROR_CATALOGUE[code];
}
