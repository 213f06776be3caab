/**
 * Reelpath's own allow-list (not from the shared lists): phrases containing a banned term that say
 * nothing absolute or unlawful. Regulator guidance names some (最佳保质期, 最佳赏味期 — a shelf-life
 * statement, not a ranking); the rest are everyday words in which a short banned term is only a
 * substring (最近, 第一次, 路口交通). Each one here is a precision decision: add with a reason.
 */
export const DEFAULT_ALLOW: readonly string[] = [
  // 最 used for time or order, not quality
  '最近', '最后', '最终', '最初', '最早', '最晚', '最少', '最多', '最起码', '最好是', '最好不要',
  // 最好 + a verb: "had better", advice rather than a claim
  '最好在', '最好别', '最好先', '最好还是', '最好能', '最好要', '最好不',
  // shelf-life and usage statements (SAMR guidance: not an absolute claim)
  '最佳保质期', '最佳赏味期', '最佳食用期', '最佳饮用期', '最佳使用期',
  // ordinals, not rankings
  '第一次', '第一天', '第一日', '第一步', '第一眼', '第一口', '第一集', '第一期', '第一单', '第一批', '第一季', '第一个', '第一件',
  '第一站', '第一章', '第一条', '第一课', '第一场', '第一轮', '第一阶段', '第一部分',
  // everyday words in which a sensitive-list term is a substring
  '路口交通', '港口交', '出口交', '入口交', '口交通', '小姐姐', '香港小姐', '选美小姐', 'qq糖', 'qq音乐', '视频来源', '干掉', '舞女孩',
  // list entries too generic to report on their own (a longer listed phrase holding them, e.g. 国家推荐,
  // still is): on the KuaiRec captions they fired on ordinary copy far more often than on a claim
  '安全', '推荐', '王者', '自拍', '写真', '按摩', '刺激', '网络', '到货', '客服', '全职',
];
