/**
 * CLI and report messages in Simplified Chinese and English. Placeholders are `{name}`.
 */
const MESSAGES = {
  demo_generating: { zh: '正在生成演示世界（{events} 条事件，种子 {seed}）…', en: 'Generating the demo world ({events} events, seed {seed})…' },
  demo_catalogue_real: { zh: '视频标题与类目取自 KuaiRec 真实快手数据（{videos} 个视频）', en: 'Video titles and categories from the real KuaiRec Kuaishou data ({videos} videos)' },
  demo_catalogue_builtin: { zh: '未找到 KuaiRec 数据集（{dir}），使用内置的小型目录', en: 'KuaiRec dataset not found in {dir}; using the small built-in catalogue' },
  demo_ingesting: { zh: '写入事件', en: 'Ingesting' },
  demo_ingested: { zh: '已接收 {accepted} 条事件，拒绝 {rejected} 条，用时 {seconds} 秒（{rate} 条/秒）', en: 'Accepted {accepted} events, rejected {rejected}, in {seconds}s ({rate} events/s)' },
  demo_funnel_title: { zh: '八节点转化漏斗（按人，窗口 {window}，按平台）', en: 'Eight-node funnel (persons, window {window}, by platform)' },
  demo_serving: { zh: '仪表盘：{url}', en: 'Dashboard: {url}' },
  demo_docs: { zh: 'API 文档：{url}', en: 'API docs: {url}' },
  demo_keys: { zh: '写入密钥 {write}\n读取密钥 {secret}', en: 'Write key {write}\nSecret key {secret}' },
  demo_stop: { zh: '按 Ctrl+C 停止', en: 'Press Ctrl+C to stop' },
  serve_listening: { zh: 'Reelpath 已启动：{url}（API 文档 {url}docs）', en: 'Reelpath is listening on {url} (API docs at {url}docs)' },
  serve_stopping: { zh: '正在优雅关闭：等待已接收的事件落盘…', en: 'Shutting down gracefully: waiting for accepted events to be stored…' },
  serve_no_tenant: { zh: '还没有租户：运行 `reelpath tenant create <id>` 创建', en: 'No tenant yet: create one with `reelpath tenant create <id>`' },
  tenant_created: { zh: '已创建租户 {id}\n写入密钥（仅可上报）：{write}\n读取密钥（请保密）：{secret}', en: 'Created tenant {id}\nWrite key (ingest only): {write}\nSecret key (keep it safe): {secret}' },
  import_reading: { zh: '导入', en: 'Importing' },
  import_summary: { zh: '读取 {rows} 行：接收 {accepted}（其中已存在 {duplicates}），拒绝 {rejected}，用时 {seconds} 秒（{rate} 行/秒）', en: 'Read {rows} rows: accepted {accepted} ({duplicates} already stored), rejected {rejected}, in {seconds}s ({rate} rows/s)' },
  import_rejections: { zh: '拒绝原因：', en: 'Rejected by reason:' },
  funnel_header: { zh: '步骤', en: 'Step' },
  funnel_persons: { zh: '人数', en: 'Persons' },
  funnel_from_prev: { zh: '上步转化', en: 'From prev' },
  funnel_from_first: { zh: '总转化', en: 'From first' },
  funnel_median: { zh: '中位耗时', en: 'Median time' },
  funnel_all: { zh: '全部', en: 'All' },
  bench_running: { zh: '基准测试 {name} …', en: 'Benchmark {name} …' },
  error_prefix: { zh: '错误', en: 'Error' },
  error_next: { zh: '下一步', en: 'Next' },
} as const;

export type MessageId = keyof typeof MESSAGES;

/** Formats message `id` in `lang`, filling `{placeholders}` from `vars`. */
export function msg(lang: 'zh' | 'en', id: MessageId, vars: Record<string, string | number> = {}): string {
  return MESSAGES[id][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Display names of platforms in Chinese, for terminal tables. */
export const PLATFORM_NAMES_ZH: Record<string, string> = {
  douyin: '抖音', kuaishou: '快手', wechat_channels: '视频号', tiktok: 'TikTok', xiaohongshu: '小红书', miniprogram: '小程序', web: '网站', other: '其他',
};

/** Chinese names of the funnel nodes, for terminal tables. */
export const NODE_NAMES_ZH: Record<string, string> = {
  impression: '曝光', play: '播放', complete: '完播', product_click: '点击商品', detail_view: '详情页', add_to_cart: '加购', order: '下单', pay: '支付',
};
