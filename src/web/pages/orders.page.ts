import { getJson, withQuery } from '../api.js';
import type { Order, OverdueBoard } from '../api-types.js';
import { createCard, loadCard } from '../card.js';
import { t } from '../i18n.js';
import { cardGrid, pageHeader, type Page } from '../page.js';
import { drawOverdueBoard } from './orders-overdue.js';
import { drawRecentOrders } from './orders-recent.js';
import { SaleStockBoard } from './orders-sales.js';

/** The overdue board's window: orders due within this many hours are "at risk". */
const WITHIN_HOURS = 6;
/** How many recent orders the table shows. */
const RECENT = 50;
/** How often the live sales' stock is refreshed while the page is open. */
const SALES_REFRESH_MS = 2000;

/**
 * Orders and fulfilment: the overdue board (paid orders past their ship-by time with their
 * compensation, and those due within 6 hours), the stock of the newest live sales as stacked bars
 * refreshed every 2 s until the page is left, and the most recent orders.
 */
export const ordersPage: Page = {
  name: 'orders',
  title: () => t().orders.title,
  async render(ctx) {
    const m = t().orders;
    pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const boardCard = createCard(grid, 'orders-overdue', m.board, { wide: true });
    const salesCard = createCard(grid, 'orders-sales', m.sales, { wide: true });
    const recentCard = createCard(grid, 'orders-recent', m.recent, { wide: true });
    const sales = new SaleStockBoard(salesCard, ctx.signal);
    await Promise.all([
      loadCard(boardCard, async (body) => {
        drawOverdueBoard(body, await getJson<OverdueBoard>(withQuery('/v1/orders/overdue', { withinHours: WITHIN_HOURS }), ctx.signal));
      }),
      loadCard(salesCard, () => sales.load()),
      loadCard(recentCard, async (body) => {
        const { orders } = await getJson<{ orders: Order[] }>(withQuery('/v1/orders', { limit: RECENT }), ctx.signal);
        drawRecentOrders(body, orders);
      }),
    ]);
    // Started after the first load (also when it failed: a later refresh can still succeed).
    sales.follow(SALES_REFRESH_MS);
  },
};
