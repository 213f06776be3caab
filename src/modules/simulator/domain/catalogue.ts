/**
 * The video catalogue the simulator draws titles and categories from (KuaiRec captions, or the
 * built-in fallback), and the mapping from a video's content category to a commerce category.
 */

/** One source video: real copy and its content category (KuaiRec names, Chinese). */
export interface CatalogueEntry {
  /** Id in the source (KuaiRec `video_id`, or `fb_<n>` for the fallback). */
  readonly sourceId: string;
  /** Display title: the caption, else the cover text, else the topic tags, else a placeholder. */
  readonly title: string;
  /** Raw caption as read (may contain `\r`); absent when the source has none. */
  readonly caption?: string;
  /** First-level content category name, e.g. `美食`; absent when the source says `UNKNOWN`. */
  readonly category?: string;
  /** Second-level category name, e.g. `营销售卖`. */
  readonly subcategory?: string;
  /** Third-level category name, e.g. `女装`. */
  readonly leafCategory?: string;
  /** Topic tags without `#`. */
  readonly tags: readonly string[];
}

/** The catalogue handed to {@link buildWorld}; order matters for determinism. */
export interface Catalogue {
  readonly entries: readonly CatalogueEntry[];
}

/** A commerce (product) category: id, Chinese name, typical price and behaviour factors. */
export interface CommerceCategory {
  readonly id: string;
  readonly name: string;
  /** Median list price, yuan. */
  readonly medianYuan: number;
  /** Multiplier on click / cart / order continuation (1 = average). */
  readonly conversion: number;
  /** Share of paid orders later refunded. */
  readonly refundRate: number;
  /** Share of videos in this category that feature a product (小黄车). */
  readonly attachRate: number;
}

/** The commerce categories, in a fixed order. */
export const COMMERCE_CATEGORIES: readonly CommerceCategory[] = [
  { id: 'apparel', name: '服饰鞋靴', medianYuan: 129, conversion: 1.0, refundRate: 0.24, attachRate: 0.9 },
  { id: 'accessories', name: '配饰箱包', medianYuan: 89, conversion: 0.95, refundRate: 0.14, attachRate: 0.9 },
  { id: 'beauty', name: '美妆个护', medianYuan: 119, conversion: 1.1, refundRate: 0.08, attachRate: 0.85 },
  { id: 'food', name: '食品饮料', medianYuan: 39, conversion: 1.25, refundRate: 0.04, attachRate: 0.85 },
  { id: 'fresh', name: '生鲜农产', medianYuan: 49, conversion: 1.15, refundRate: 0.09, attachRate: 0.8 },
  { id: 'mother_baby', name: '母婴', medianYuan: 99, conversion: 1.0, refundRate: 0.07, attachRate: 0.7 },
  { id: 'pet', name: '宠物用品', medianYuan: 59, conversion: 1.05, refundRate: 0.06, attachRate: 0.75 },
  { id: 'health', name: '保健滋补', medianYuan: 159, conversion: 0.85, refundRate: 0.06, attachRate: 0.6 },
  { id: 'sports', name: '运动户外', medianYuan: 169, conversion: 0.85, refundRate: 0.12, attachRate: 0.6 },
  { id: 'digital', name: '数码家电', medianYuan: 599, conversion: 0.65, refundRate: 0.07, attachRate: 0.65 },
  { id: 'auto', name: '汽车用品', medianYuan: 149, conversion: 0.75, refundRate: 0.08, attachRate: 0.55 },
  { id: 'home', name: '家居日用', medianYuan: 69, conversion: 1.0, refundRate: 0.07, attachRate: 0.55 },
  { id: 'books', name: '图书教育', medianYuan: 49, conversion: 0.9, refundRate: 0.04, attachRate: 0.5 },
  { id: 'local_life', name: '本地生活', medianYuan: 99, conversion: 0.95, refundRate: 0.15, attachRate: 0.6 },
  { id: 'general', name: '日用百货', medianYuan: 29, conversion: 0.9, refundRate: 0.06, attachRate: 0.3 },
];

const BY_CONTENT: Readonly<Record<string, string>> = {
  时尚: 'apparel', 美妆: 'beauty', 颜值: 'beauty', 美食: 'food', 三农: 'fresh', 亲子: 'mother_baby',
  宠物: 'pet', 健康: 'health', 健身: 'sports', 运动: 'sports', 高新数码: 'digital', 游戏: 'digital',
  摄影: 'digital', 汽车: 'auto', 房产家居: 'home', 生活: 'home', 读书: 'books', 教育: 'books',
  财经: 'books', 旅游: 'local_life',
};

const ACCESSORY_LEAVES: ReadonlySet<string> = new Set(['配饰', '箱包']);

/**
 * Maps a catalogue entry's content category (KuaiRec first/third level) to a commerce category id.
 * Entertainment and unknown content maps to `general` (日用百货), which rarely features a product.
 */
export function commerceCategoryOf(entry: Pick<CatalogueEntry, 'category' | 'leafCategory'>): string {
  if (entry.leafCategory !== undefined && ACCESSORY_LEAVES.has(entry.leafCategory)) return 'accessories';
  return (entry.category !== undefined ? BY_CONTENT[entry.category] : undefined) ?? 'general';
}

/** The price bands, cheapest first, with their lower bounds in fen. */
export const PRICE_BANDS: readonly { readonly band: string; readonly minFen: number; readonly conversion: number }[] = [
  { band: '<50', minFen: 0, conversion: 1.35 },
  { band: '50-200', minFen: 5_000, conversion: 1.0 },
  { band: '200-500', minFen: 20_000, conversion: 0.7 },
  { band: '500+', minFen: 50_000, conversion: 0.45 },
];

/** Index into {@link PRICE_BANDS} for a price in fen (`<50`, `50-200`, `200-500`, `500+` yuan). */
export function priceBandIndex(priceFen: number): number {
  let i = 0;
  PRICE_BANDS.forEach((b, k) => {
    if (priceFen >= b.minFen) i = k;
  });
  return i;
}
