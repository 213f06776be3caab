import type { LayerOrOther } from './rfm-layers.js';

/** A layer's display names and the content strategy it calls for, in Chinese and English. */
export interface LayerStrategy {
  readonly nameZh: string;
  readonly nameEn: string;
  /** The strategy in a few words (the headline merchants use). */
  readonly headlineZh: string;
  readonly headlineEn: string;
  /** What to publish or send, in one sentence. */
  readonly strategyZh: string;
  readonly strategyEn: string;
}

/**
 * Content strategy per layer. `at_risk` (our decision): personal care + trust content — reach out
 * before they go dormant, with reassurance rather than discounts, so margin is kept for buyers who
 * are still worth it.
 */
export const LAYER_STRATEGIES: Readonly<Record<LayerOrOther, LayerStrategy>> = {
  high_potential_new: {
    nameZh: '高潜新客', nameEn: 'High-potential new buyers',
    headlineZh: '价值+场景内容', headlineEn: 'Value + scenario content',
    strategyZh: '讲清产品价值，展示真实使用场景，帮助新客找到第二次购买的理由。',
    strategyEn: 'Explain what the product is worth and show it in real-life scenes, giving new buyers a reason for a second order.',
  },
  loyal: {
    nameZh: '忠诚复购客', nameEn: 'Loyal repeat buyers',
    headlineZh: '新品+会员权益', headlineEn: 'New arrivals + member perks',
    strategyZh: '优先推送新品首发，配合会员专享价、积分与专属服务，奖励持续复购。',
    strategyEn: 'Show new arrivals first, with member prices, points and exclusive service that reward buying again.',
  },
  dormant: {
    nameZh: '沉睡唤醒客', nameEn: 'Dormant buyers to win back',
    headlineZh: '限时优惠+情感召回', headlineEn: 'Limited-time offers + emotional recall',
    strategyZh: '用限时优惠制造回归理由，配合唤起当初购买记忆的情感化内容。',
    strategyEn: 'Give a reason to come back now with a time-limited offer, and content that recalls why they bought in the first place.',
  },
  at_risk: {
    nameZh: '流失风险', nameEn: 'At-risk buyers',
    headlineZh: '专属关怀+口碑信任内容', headlineEn: 'Personal care + trust content',
    strategyZh: '在其沉睡前主动关怀（专属客服回访、复购提醒），配合好评、售后保障等口碑内容重建信任，慎用大额折扣。',
    strategyEn: 'Reach out before they go dormant (a personal check-in, a replenishment reminder), with reviews and after-sales guarantees that rebuild trust; keep deep discounts in reserve.',
  },
  other: {
    nameZh: '其他', nameEn: 'Other buyers',
    headlineZh: '常规内容', headlineEn: 'Regular content',
    strategyZh: '未命中任何分层规则：使用常规内容，并观察其向哪个分层移动。',
    strategyEn: 'No layer rule matched: keep regular content and watch which layer they move towards.',
  },
};
