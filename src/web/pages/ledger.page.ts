import { getJson } from '../api.js';
import { createCard, errorBox, isAbort, loadCard, type Card } from '../card.js';
import { el } from '../elements.js';
import { t } from '../i18n.js';
import { cardGrid, pageHeader, shared, type Page, type PageContext } from '../page.js';
import { LedgerAccounts } from './ledger-accounts.js';
import { BalanceChart } from './ledger-balances.js';
import { LedgerJournal } from './ledger-journal.js';
import { balanceRows, SHOP_CURRENCY, summarize } from './ledger-labels.js';
import { OrderLookup } from './ledger-order.js';
import { drawSummary } from './ledger-summary.js';
import type { LedgerAccount, LedgerReconciliation } from './ledger-types.js';

/** How often the page re-reads the ledger while it is shown. */
const REFRESH_MS = 3000;
/** Reconciliation reads every order and replays the journal: re-run it every this many refreshes only. */
const RECONCILE_EVERY = 10;

function fetchAccounts(signal: AbortSignal): Promise<LedgerAccount[]> {
  return getJson<{ accounts: LedgerAccount[] }>('/v1/ledger/accounts', signal).then((r) => r.accounts);
}

function fetchReconciliation(signal: AbortSignal): Promise<LedgerReconciliation> {
  return getJson<LedgerReconciliation>('/v1/ledger/reconciliation', signal);
}

/** The compensation paid to buyers, in fen: the `compensation` entries crediting the buyer refunds account (its counters cannot tell compensation from refunds). */
async function fetchCompensation(signal: AbortSignal): Promise<number> {
  const totals = await getJson<{ credits: Record<string, number> }>(`/v1/ledger/accounts/${encodeURIComponent(`buyer_refunds:${SHOP_CURRENCY}`)}/totals`, signal);
  return totals.credits.compensation ?? 0;
}

/**
 * The page's cards and their data: the first load fills each card on its own (one failing leaves the
 * others), then `follow` re-reads everything every few seconds until the page is left — the demo's
 * payments, refunds and breaches show up without reloading.
 */
class LedgerView {
  private readonly status = el('span', { class: 'pill', role: 'status', 'data-field': 'refresh-status' });
  private readonly chart = new BalanceChart();
  private readonly accounts: LedgerAccounts;
  private readonly journal: LedgerJournal;
  private readonly lookup: OrderLookup;
  private busy = false;
  private ticks = 0;
  private lastRec: LedgerReconciliation | null = null;

  constructor(private readonly ctx: PageContext, controls: HTMLElement, private readonly cards: Record<'summary' | 'balances' | 'accounts' | 'journal' | 'order', Card>) {
    controls.append(this.status);
    const track = (work: Promise<unknown>) => ctx.track(work);
    this.lookup = new OrderLookup(ctx.signal, track);
    const onOrder = (id: string) => { track(this.lookup.lookup(id, true)); };
    this.accounts = new LedgerAccounts(ctx.signal, onOrder, track);
    this.journal = new LedgerJournal(ctx.signal, onOrder, track);
  }

  async load(): Promise<void> {
    const signal = this.ctx.signal;
    const accounts = shared(fetchAccounts(signal));
    const compensation = shared(fetchCompensation(signal));
    const reconciliation = shared(fetchReconciliation(signal));
    const c = this.cards;
    await Promise.all([
      loadCard(c.summary, async (body) => {
        const summary = summarize(await accounts, await compensation);
        // The reconciliation failing leaves the tiles: its error shows where its badge would.
        const rec = await reconciliation.then((r) => ({ r, e: null }), (err: unknown) => { if (isAbort(err)) throw err; return { r: null, e: errorBox(err) }; });
        this.lastRec = rec.r;
        drawSummary(body, summary, rec.r, rec.e);
      }),
      loadCard(c.balances, async (body) => { this.chart.draw(body, balanceRows(await accounts)); }),
      loadCard(c.accounts, async (body) => { this.accounts.draw(body, await accounts); }),
      loadCard(c.journal, (body) => this.journal.load(body)),
      loadCard(c.order, (body) => { this.lookup.draw(body); }),
    ]);
    this.showStatus(null);
  }

  /** Refreshes every `everyMs` while the page is open and visible; stops when the page's signal aborts. */
  follow(everyMs: number): void {
    const signal = this.ctx.signal;
    if (signal.aborted) return;
    const timer = setInterval(() => { void this.refresh(); }, everyMs);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  private async refresh(): Promise<void> {
    // One refresh at a time; none while the tab is hidden (the next visible tick catches up).
    if (this.busy || this.ctx.signal.aborted || document.hidden) return;
    this.busy = true;
    try {
      const signal = this.ctx.signal;
      const reconcile = this.lastRec === null || ++this.ticks % RECONCILE_EVERY === 0;
      const [accounts, compensation, rec] = await Promise.all([fetchAccounts(signal), fetchCompensation(signal), reconcile ? fetchReconciliation(signal) : Promise.resolve(this.lastRec)]);
      if (signal.aborted) return;
      this.lastRec = rec;
      const c = this.cards;
      drawSummary(c.summary.body, summarize(accounts, compensation), rec, null);
      this.chart.draw(c.balances.body, balanceRows(accounts));
      this.accounts.draw(c.accounts.body, accounts);
      await Promise.all([this.journal.refresh(c.journal.body), this.accounts.refresh(), this.lookup.refresh()]);
      // A card whose first load failed is whole again.
      for (const card of Object.values(c)) card.root.setAttribute('data-state', 'ready');
      this.showStatus(null);
    } catch (err) {
      // The last drawing stays; the status says the refresh failed and why, and the next tick retries.
      if (!isAbort(err)) this.showStatus(err);
    } finally {
      this.busy = false;
    }
  }

  private showStatus(err: unknown): void {
    const m = t().ledger;
    this.status.className = err === null ? 'pill pill-live' : 'pill pill-waiting';
    this.status.textContent = err === null ? m.refreshed : m.refreshFailed;
    this.status.title = err === null ? '' : err instanceof Error ? err.message : String(err);
  }
}

/**
 * The commission ledger (issue 8): where the shop's money is — paid in, held through refund windows,
 * paid out to the platform, merchant, creators and MCNs, refunded, compensated, owed back — with the
 * reconciliation badge, balances by party as bars, every account with its statement, the journal, and
 * an order lookup. Re-read every 3 s until the page is left.
 */
export const ledgerPage: Page = {
  name: 'ledger',
  title: () => t().ledger.title,
  async render(ctx) {
    const m = t().ledger;
    const controls = pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const cards = {
      summary: createCard(grid, 'ledger-summary', m.summary, { wide: true }),
      balances: createCard(grid, 'ledger-balances', m.balances, { wide: true }),
      accounts: createCard(grid, 'ledger-accounts', m.accounts, { wide: true }),
      journal: createCard(grid, 'ledger-journal', m.journal, { wide: true }),
      order: createCard(grid, 'ledger-order', m.lookup, { wide: true }),
    };
    const view = new LedgerView(ctx, controls, cards);
    await view.load();
    // Started after the first load (also when it failed: a later refresh can still succeed).
    view.follow(REFRESH_MS);
  },
};
