import type { Catalogue, CatalogueEntry } from './catalogue.js';

/** [title, first-level category, leaf category] — invented copy in the style of the KuaiRec captions. */
const ROWS: readonly (readonly [string, string, string?])[] = [
  ['秋冬新款毛呢外套，显瘦又保暖 #穿搭', '时尚', '女装'],
  ['一双鞋子穿三季，百搭小白鞋测评', '时尚', '鞋靴'],
  ['通勤包怎么选？五款平价好包对比', '时尚', '箱包'],
  ['黄皮也能涂的口红色号合集', '美妆'],
  ['干皮冬天护肤步骤，亲测不起皮', '美妆'],
  ['今天素颜出门，自然妆容分享 #颜值', '颜值'],
  ['老家的手工辣椒酱，拌饭一绝', '美食'],
  ['十分钟搞定快手早餐，上班族必看', '美食'],
  ['深夜食堂：螺蛳粉测评，到底有多香', '美食'],
  ['果园现摘的脐橙，甜到心里 #三农', '三农'],
  ['大山里的土蜂蜜，今年收成不错', '三农'],
  ['宝宝辅食添加顺序，新手妈妈收藏', '亲子'],
  ['带娃出门必备的十件好物', '亲子'],
  ['猫咪挑食怎么办？换了这款猫粮', '宠物'],
  ['狗狗洗澡不再鬼哭狼嚎的小技巧', '宠物'],
  ['熬夜党的养生茶，坚持一个月的变化', '健康'],
  ['居家燃脂训练二十分钟，跟着练', '健身'],
  ['周末徒步装备清单，新手不踩坑', '运动'],
  ['千元手机怎么选，三款横评告诉你', '高新数码'],
  ['降噪耳机通勤实测，地铁里也安静', '高新数码'],
  ['车内收纳好物，小空间大用处', '汽车'],
  ['出租屋改造，三百块焕然一新 #家居', '房产家居'],
  ['厨房清洁神器，油污一擦就掉', '生活'],
  ['孩子爱上阅读的绘本推荐', '读书'],
  ['周末去哪儿：城郊露营地探店', '旅游'],
  ['这家火锅团购套餐太划算了', '旅游'],
  ['今天的段子笑到邻居来敲门 #搞笑', '喜剧'],
  ['广场舞新曲目，简单好学', '舞蹈'],
  ['雨后的江边，随手一拍都是壁纸', '摄影'],
  ['下班路上听到的一首老歌', '音乐'],
];

/**
 * The built-in catalogue used when the KuaiRec dataset is absent: 30 invented Chinese titles spread
 * over the content categories the commerce mapping knows, so every commerce category has videos.
 */
export function fallbackCatalogue(): Catalogue {
  const entries: CatalogueEntry[] = ROWS.map(([title, category, leaf], i) => ({
    sourceId: `fb_${i + 1}`,
    title,
    caption: title,
    category,
    ...(leaf !== undefined ? { leafCategory: leaf } : {}),
    tags: [],
  }));
  return { entries };
}
