/**
 * What a hit breaks: each category with its severity and the rule it cites (the PRC Advertising Law
 * 2021 revision, platform rules for prohibited goods and solicitation), how the Advertising-Law list's
 * terms are sorted into categories, and compliant rewrites for common absolute terms. Pure data.
 */

export type Category = 'absolute' | 'authority' | 'medical' | 'superstition' | 'inducement' | 'guarantee' | 'solicitation' | 'pornography' | 'prohibited_goods' | 'violence' | 'other' | 'custom';
export type Severity = 'high' | 'medium' | 'low';

export interface RuleRef {
  /** Stable id of the rule, e.g. `adlaw-9-3`. */
  readonly id: string;
  readonly zh: string;
  readonly en: string;
}

export const CATEGORIES: Readonly<Record<Category, { readonly severity: Severity; readonly zh: string; readonly en: string; readonly rule: RuleRef }>> = {
  absolute: { severity: 'high', zh: '绝对化用语', en: 'Absolute terms', rule: { id: 'adlaw-9-3', zh: '《广告法》第九条第（三）项：不得使用"国家级""最高级""最佳"等用语', en: 'Advertising Law art. 9(3): no "national-level", "highest", "best" or similar terms' } },
  authority: { severity: 'high', zh: '国家机关名义', en: 'Use of state authority', rule: { id: 'adlaw-9-2', zh: '《广告法》第九条第（二）项：不得使用或者变相使用国家机关、国家机关工作人员的名义或者形象', en: 'Advertising Law art. 9(2): no use of the name or image of state organs or officials' } },
  medical: { severity: 'high', zh: '疾病治疗功能/医疗用语', en: 'Medical or treatment claims', rule: { id: 'adlaw-17', zh: '《广告法》第十七条：除医疗、药品、医疗器械广告外，不得涉及疾病治疗功能，不得使用医疗用语', en: 'Advertising Law art. 17: only medical, drug and device ads may claim to treat disease or use medical terms' } },
  superstition: { severity: 'medium', zh: '封建迷信', en: 'Superstition', rule: { id: 'adlaw-9-8', zh: '《广告法》第九条第（八）项：不得含有淫秽、色情、赌博、迷信、恐怖、暴力的内容', en: 'Advertising Law art. 9(8): no obscene, pornographic, gambling, superstitious, terrifying or violent content' } },
  inducement: { severity: 'medium', zh: '诱导消费/虚假紧迫', en: 'Inducement and false urgency', rule: { id: 'adlaw-28', zh: '《广告法》第二十八条：以虚假或者引人误解的内容欺骗、误导消费者的，构成虚假广告', en: 'Advertising Law art. 28: false or misleading content that deceives consumers is false advertising' } },
  guarantee: { severity: 'high', zh: '功效保证', en: 'Guarantees of effect', rule: { id: 'adlaw-28', zh: '《广告法》第二十八条：对商品性能、功能、效果作虚假或引人误解的表示（如"100%有效""无副作用"）', en: 'Advertising Law art. 28: false or misleading claims about performance or effect ("100% effective", "no side effects")' } },
  solicitation: { severity: 'low', zh: '站外导流/招揽', en: 'Off-platform solicitation', rule: { id: 'platform-diversion', zh: '平台社区规范：禁止站外导流、私下交易和招揽（抖音、快手电商规则）', en: 'Platform rules: no diversion off the platform, private deals or solicitation (Douyin, Kuaishou shop rules)' } },
  pornography: { severity: 'high', zh: '色情低俗', en: 'Pornographic or vulgar', rule: { id: 'adlaw-9-8', zh: '《广告法》第九条第（八）项：不得含有淫秽、色情内容', en: 'Advertising Law art. 9(8): no obscene or pornographic content' } },
  prohibited_goods: { severity: 'high', zh: '禁售商品（枪爆等）', en: 'Prohibited goods (weapons, explosives)', rule: { id: 'prohibited-goods', zh: '《网络交易监督管理办法》及《枪支管理法》：禁止网络销售枪支弹药、爆炸物及其配件', en: 'Online Trading Measures and the Firearms Control Law: no online sale of firearms, ammunition, explosives or their parts' } },
  violence: { severity: 'high', zh: '暴恐内容', en: 'Violence or terrorism', rule: { id: 'adlaw-9-8', zh: '《广告法》第九条第（八）项：不得含有恐怖、暴力的内容', en: 'Advertising Law art. 9(8): no terrifying or violent content' } },
  other: { severity: 'low', zh: '其他敏感词', en: 'Other sensitive terms', rule: { id: 'review', zh: '平台内容审核规范：需人工复核', en: 'Platform content review: needs a person to check' } },
  custom: { severity: 'medium', zh: '商家自定义', en: 'Tenant custom list', rule: { id: 'tenant', zh: '商家自定义词表', en: 'The tenant\'s own list' } },
};

/** How the Advertising-Law list's terms are sorted: the first pattern that matches wins; absolute terms otherwise. */
const ADLAW_PATTERNS: ReadonlyArray<readonly [RegExp, Category]> = [
  [/(治|疗|药|病|症|医|疤|抗癌|防癌|减肥|排毒|祛|消炎|杀菌|副作用|处方)/, 'medical'],
  [/(100%|百分百|无效退款|保证|包过|零风险|无风险|有效率|立竿见影|永久|万能)/, 'guarantee'],
  [/(国家|领导|特供|专供|免检|机关|部门推荐|人民币|国旗|国徽|国歌|军)/, 'authority'],
  [/(招财|辟邪|转运|风水|开光|旺|保佑|化煞|改运|逢凶化吉|时来运转|增强运|带来好运|护身|平安)/, 'superstition'],
  [/(点击|领奖|抽奖|秒杀|抢|疯|再不|仅剩|错过|售罄|限时|倒计时|免费|送|领取|史无前例|前无古人)/, 'inducement'],
];

/** The category of a term of the Advertising-Law list. */
export function classifyAdLawTerm(term: string): Category {
  for (const [pattern, category] of ADLAW_PATTERNS) if (pattern.test(term)) return category;
  return 'absolute';
}

/** The sensitive lexicon's files (konsheng/Sensitive-lexicon) by the category they fall in. */
export const LEXICON_FILES: Readonly<Record<string, Category>> = {
  '广告类型.txt': 'solicitation', '色情类型.txt': 'pornography', '色情词库.txt': 'pornography', '涉枪涉爆.txt': 'prohibited_goods', '暴恐词库.txt': 'violence', '其他词库.txt': 'other',
};

/** Compliant rewrites of common absolute terms (normalised form → suggestions, Chinese). */
export const REWRITES: Readonly<Record<string, readonly string[]>> = {
  最: ['很', '非常'], 最好: ['很好', '优质'], 最佳: ['优选', '出色'], 最优: ['优选', '出色'], 最优秀: ['优秀'], 最低价: ['优惠价', '到手价'], 最便宜: ['实惠', '性价比高'],
  最受欢迎: ['广受欢迎', '人气'], 最新: ['新款', '新一代'], 最高: ['很高', '高'], 最大: ['大'], 最先进: ['先进'], 第1: ['热销', '人气之选'], 销量第1: ['热销'], 全网第1: ['热销'],
  行业第1: ['行业领先水平（附依据）'], 排名第1: ['名列前茅（附依据）'], 顶级: ['高品质', '精选'], 顶尖: ['高品质'], 极致: ['出色'], 极品: ['精品'], 国家级: ['专业级', '高标准'],
  世界级: ['国际水准（附依据）'], 唯1: ['独特'], 独1无2: ['独特', '别具一格'], 绝对: ['非常'], '1流': ['优质'], '100有效': ['效果因人而异'], 无副作用: ['温和配方（附检测报告）'], 纯天然: ['天然成分（注明含量）'],
};
