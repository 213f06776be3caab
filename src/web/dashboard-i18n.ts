/** The dashboard's text in Simplified Chinese and English, as browser JavaScript (`const T = …`). */
export const DASHBOARD_I18N_JS = String.raw`
const T = {
  zh: {
    title: 'Reelpath 短视频电商转化', window: '窗口', range: '时间范围', lang: 'English', key: '请输入 secret key (rp_sec_…)', error: '加载失败：', none: '暂无数据',
    radar: '经营指标健康雷达', radarNote: '虚线圈为目标（得分 1）；红色标签为落后指标。', indicator: '指标', value: '当前值', target: '目标', status: '状态',
    statuses: { good: '达标', watch: '关注', poor: '落后', no_data: '无数据' },
    funnel: '转化漏斗', by: '拆分', count: '计数', counts: { persons: '按人', sessions: '按会话', conversions: '按转化次数' },
    step: '步骤', persons: '数量', fromPrev: '上步转化率', fromFirst: '总转化率', median: '中位耗时', dropNext: '流失后去向', all: '全部',
    funnelNote: '窗口从第一步开始计算（含边界），同一人跨平台身份已合并；拆分取第一步事件的取值。',
    pathLength: '支付前的步数（近 7 天 vs 前 7 天）', medianSteps: '中位步数', buyers: '买家', stepsUnit: '{n} 步', change: '变化',
    paths: '商品点击之后的路径（桑基图）', decision: '决策时长（商品点击 → 支付）', started: '开始', converted: '转化', p50: '中位数', p90: 'P90',
    retention: '复购留存（首单周队列）', cohort: '队列', size: '人数', period: '第 {k} 周',
    segments: 'RFM 人群分层', layer: '分层', strategy: '内容策略', members: '人数',
    attribution: '多触点归因（Markov，按达人）', channel: '渠道', conversions: '转化', gmv: '净 GMV', removal: '移除效应', model: '模型',
    dims: { platform: '平台', creatorId: '达人', videoId: '视频', liveId: '直播场次', productId: '商品', categoryId: '类目', priceBand: '价格带', segment: '人群分层' },
    names: { impression: '曝光', play: '播放', complete: '完播', product_click: '点击商品', detail_view: '详情页', add_to_cart: '加购', order: '下单', pay: '支付', refund: '退款', share: '分享', like: '点赞', comment: '评论', follow: '关注', live_enter: '进直播间', live_exit: '离开直播间', favorite: '收藏', search: '搜索', coupon_claim: '领券' },
    platforms: { douyin: '抖音', kuaishou: '快手', wechat_channels: '视频号', tiktok: 'TikTok', xiaohongshu: '小红书', miniprogram: '小程序', web: '网站', other: '其他' },
  },
  en: {
    title: 'Reelpath short-video commerce', window: 'Window', range: 'Range', lang: '中文', key: 'Enter a secret key (rp_sec_…)', error: 'Failed to load: ', none: 'No data yet',
    radar: 'KPI health radar', radarNote: 'The dashed ring is the target (score 1); red labels are behind target.', indicator: 'Indicator', value: 'Value', target: 'Target', status: 'Status',
    statuses: { good: 'on target', watch: 'watch', poor: 'behind', no_data: 'no data' },
    funnel: 'Conversion funnel', by: 'Breakdown', count: 'Count', counts: { persons: 'persons', sessions: 'sessions', conversions: 'conversions' },
    step: 'Step', persons: 'Count', fromPrev: 'From previous', fromFirst: 'From first', median: 'Median time', dropNext: 'Drop-offs went to', all: 'All',
    funnelNote: 'Window measured from the first step (inclusive); identities merged across platforms; breakdowns take the first step event\'s value.',
    pathLength: 'Steps to payment (last 7 days vs the 7 before)', medianSteps: 'Median steps', buyers: 'buyers', stepsUnit: '{n} steps', change: 'change',
    paths: 'Paths after a product click (Sankey)', decision: 'Decision time (product click → pay)', started: 'Started', converted: 'Converted', p50: 'Median', p90: 'P90',
    retention: 'Repurchase retention (weekly first-order cohorts)', cohort: 'Cohort', size: 'Buyers', period: 'week {k}',
    segments: 'RFM segments', layer: 'Layer', strategy: 'Content strategy', members: 'Persons',
    attribution: 'Multi-touch attribution (Markov, by creator)', channel: 'Channel', conversions: 'Conversions', gmv: 'Net GMV', removal: 'Removal effect', model: 'Model',
    dims: { platform: 'Platform', creatorId: 'Creator', videoId: 'Video', liveId: 'Live session', productId: 'Product', categoryId: 'Category', priceBand: 'Price band', segment: 'Segment' },
    names: {}, platforms: { douyin: 'Douyin', kuaishou: 'Kuaishou', wechat_channels: 'WeChat Channels', tiktok: 'TikTok', xiaohongshu: 'Xiaohongshu', miniprogram: 'Mini-program', web: 'Web', other: 'Other' },
  },
};
`;
