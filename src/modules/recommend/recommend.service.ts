import type { Rng } from '../../shared/random.js';
import type { Clock } from '../../shared/time.js';
import { primaryIdentityKey, type AnalysisRow, type CanonicalEvent, type EventsService } from '../events/index.js';
import {
  contextCandidates, eligibility, personalCandidates, RETRIEVAL, trendingLists, type Candidate, type CandidateFilters, type CatalogueView,
} from './domain/candidates.js';
import { signalWeight } from './domain/event-signals.js';
import { ItemCatalogue, type ItemEventFields } from './domain/item-evidence.js';
import { KeyHistory, profileOf, type PersonProfile } from './domain/person-history.js';
import { shopModelSlices, type ShopModel, type TrainingRow } from './domain/shop-model.js';
import { neighbourBytes } from './domain/item-similarity.js';

/** Event names the recommender scans (item signals, exposure, money); stock is read apart, with its attrs. */
const ITEM_EVENTS = ['impression', 'play', 'complete', 'like', 'comment', 'share', 'follow', 'favorite', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay', 'refund'];
/** Identity keys whose histories a shop keeps in memory (oldest forgotten first). */
export const MAX_KEYS_PER_SHOP = 500_000;

/** Resolves a shop's identity keys to persons (the identity module's resolver). */
export type PersonResolver = (tenant: string) => Promise<ReadonlyMap<string, string>>;

/** What a rebuild produced. */
export interface ModelSummary {
  readonly builtAt: number;
  readonly items: number;
  readonly persons: number;
  readonly interactions: number;
  readonly learned: boolean;
  /** Bytes the serving side holds per catalogue item (evidence, neighbours, factors). */
  readonly bytesPerItem: number;
  readonly buildMs: number;
}

interface Shop {
  readonly catalogue: ItemCatalogue;
  readonly histories: Map<string, KeyHistory>;
  readonly model: ShopModel;
  readonly modelToCatalogue: Int32Array;
  readonly scratch: Float32Array;
  readonly summary: ModelSummary;
  trendingOrder: Int32Array;
  trendingByCategory: ReadonlyMap<string, Int32Array>;
  /** Catalogue index → model item (−1: the model does not know it; items after the build are beyond its end). */
  readonly catalogueToModel: Int32Array;
  sortedRevision: number;
  sortedAt: number;
  sortMs: number;
}

/** The request's view of a shop: its catalogue snapshot, candidates and what the request may show. */
export interface CandidateSet {
  readonly snapshot: { readonly generation: number; readonly revision: number; readonly items: ItemCatalogue['items'] };
  readonly candidates: readonly Candidate[];
  readonly eligible: (index: number) => boolean;
  /** The merged profile (personal mode only). */
  readonly profile: PersonProfile | null;
}

/**
 * Candidate generation and the shop state behind it: the item catalogue with its evidence, per-key
 * histories, the trained models; rebuilt from the event store and kept current by `observe`.
 */
export class RecommendService {
  private readonly shops = new Map<string, Shop>();
  /** Per tenant, the build in progress (one at a time) and the item events observed since it started. */
  private readonly building = new Map<string, { readonly since: number; readonly events: CanonicalEvent[]; readonly shop: Promise<Shop> }>();
  private generation = 0;

  constructor(
    private readonly events: EventsService, private readonly resolver: PersonResolver, private readonly clock: Clock,
    private readonly rng: Rng, private readonly options: { readonly refreshMs: number },
  ) {}

  /**
   * Retrains a shop from the event store and swaps it in; item events observed meanwhile are carried
   * over. A rebuild asked for while one runs joins it.
   */
  async rebuild(tenant: string): Promise<ModelSummary> {
    return (await this.startBuild(tenant)).summary;
  }

  /** Shops whose state is built (or building): the ones a periodic retrain keeps fresh. */
  tenants(): string[] {
    return [...this.shops.keys()];
  }

  /** The shop's model summary, building it on first use. */
  async summary(tenant: string): Promise<ModelSummary> {
    return (await this.shop(tenant)).summary;
  }

  /**
   * Counts accepted events into the live state (evidence, histories) of a shop already built; a build
   * in progress keeps the item events at or after its cut, to apply once it is done.
   */
  observe(tenant: string, events: readonly CanonicalEvent[]): void {
    const pending = this.building.get(tenant);
    if (pending) for (const e of events) if (e.productId && e.ts >= pending.since) pending.events.push(e);
    const shop = this.shops.get(tenant);
    if (shop) for (const e of events) applyEvent(shop, e);
  }

  /** Personal candidates for the keys of one person (who has personalisation consent). */
  async forPerson(tenant: string, keys: readonly string[], filters: CandidateFilters): Promise<CandidateSet> {
    const shop = await this.shop(tenant);
    const view = this.view(shop);
    const profile = profileOf(keys.map((k) => shop.histories.get(k)).filter((h): h is KeyHistory => h !== undefined), this.clock.now());
    const eligible = eligibility(view, filters, profile);
    const index = { catalogueOf: (m: number) => shop.modelToCatalogue[m] ?? -1, modelOf: (i: number) => shop.catalogueToModel[i] ?? -1 };
    const candidates = personalCandidates(view, shop.model, profile, eligible, index, shop.scratch);
    return { snapshot: shop.catalogue, candidates, eligible, profile };
  }

  /** Candidates from context only (non-personalised): no person, no history, no personal filter. */
  async inContext(tenant: string, filters: Omit<CandidateFilters, 'excludeBought' | 'excludeSeen'>): Promise<CandidateSet> {
    const shop = await this.shop(tenant);
    const view = this.view(shop);
    const eligible = eligibility(view, { ...filters, excludeBought: false, excludeSeen: false }, null);
    return { snapshot: shop.catalogue, candidates: contextCandidates(view, eligible, RETRIEVAL.context, filters.categoryId), eligible, profile: null };
  }

  /** Forgets the histories of erased keys (erasure). */
  async erase(tenant: string, keys: readonly string[]): Promise<void> {
    const shop = this.shops.get(tenant);
    if (shop) for (const k of keys) shop.histories.delete(k);
  }

  /** Waits for the builds in progress (the app closes its stores after this). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.building.values()].map((b) => b.shop));
  }

  /** The shop's state, built on first use (by the same single build as `rebuild`). */
  private shop(tenant: string): Promise<Shop> {
    const built = this.shops.get(tenant);
    return built ? Promise.resolve(built) : this.startBuild(tenant);
  }

  /** The build in progress for a tenant, or a new one: scans up to its cut, then applies what came since. */
  private startBuild(tenant: string): Promise<Shop> {
    const running = this.building.get(tenant);
    if (running) return running.shop;
    const since = this.clock.now();
    const events: CanonicalEvent[] = [];
    const shop = this.build(tenant, since).then((s) => {
      for (const e of events) applyEvent(s, e);
      this.shops.set(tenant, s);
      return s;
    }).finally(() => this.building.delete(tenant));
    this.building.set(tenant, { since, events, shop });
    return shop;
  }

  private view(shop: Shop): CatalogueView {
    const now = this.clock.now();
    const c = shop.catalogue;
    // Re-sorted when the evidence changed, at most every `refreshMs` and never more often than 25 times
    // the sort's own time (a big catalogue under steady ingestion spends at most ~4 % of the thread on it).
    if (shop.sortedRevision !== c.revision && now - shop.sortedAt >= Math.max(this.options.refreshMs, 25 * shop.sortMs)) {
      const started = performance.now();
      const lists = trendingLists(c.items, c.trending);
      shop.trendingOrder = lists.order;
      shop.trendingByCategory = lists.byCategory;
      shop.sortedRevision = c.revision;
      shop.sortedAt = now;
      shop.sortMs = performance.now() - started;
    }
    return { items: c.items, trending: c.trending, trendingOrder: shop.trendingOrder, trendingByCategory: shop.trendingByCategory, indexOf: (id) => c.indexOf(id) };
  }

  private async build(tenant: string, cut: number): Promise<Shop> {
    // Wall time, not the app clock: the live demo runs the app on an accelerated clock.
    const started = performance.now();
    const persons = await this.resolver(tenant);
    const catalogue = new ItemCatalogue(++this.generation, cut);
    const histories = new Map<string, KeyHistory>();
    const training: TrainingRow[] = [];
    for await (const batch of this.events.streamAnalysisRows(tenant, { names: ITEM_EVENTS, to: cut, fields: ['productId', 'categoryId', 'priceBand', 'creatorId', 'amount'] })) {
      for (let k = 0; k < batch.length; k++) {
        // A turn for requests every 10,000 rows: a rebuild shares the serving thread (see runSliced).
        if (k > 0 && k % 10_000 === 0) await nextTurn();
        const r = batch[k] as AnalysisRow;
        if (!r.productId) continue;
        catalogue.apply(rowFields(r));
        if (r.name !== 'refund') remember(histories, r.identityKey, r.name, r.productId, r.ts);
        const weight = signalWeight(r.name);
        if (weight > 0) training.push({ person: persons.get(r.identityKey) ?? r.identityKey, itemId: r.productId, weight, ts: r.ts });
      }
    }
    await this.readStock(tenant, catalogue, cut);
    const model = await runSliced(shopModelSlices(training, this.rng));
    const modelToCatalogue = Int32Array.from({ length: model.items.size }, (_, m) => catalogue.indexOf(model.items.idAt(m)));
    const catalogueToModel = Int32Array.from(catalogue.items, (it) => model.items.indexOf(it.itemId));
    const items = catalogue.items.length;
    const bytes = items === 0 ? 0 : Math.round((neighbourBytes(model.neighbours) + (model.learned ? model.learned.bytesPerItem() * model.items.size : 0)) / items + EVIDENCE_BYTES);
    const summary: ModelSummary = {
      builtAt: cut, items, persons: model.persons, interactions: model.interactions, learned: model.learned !== null, bytesPerItem: bytes, buildMs: Math.round(performance.now() - started),
    };
    return {
      catalogue, histories, model, modelToCatalogue, catalogueToModel, scratch: new Float32Array(model.items.size), summary,
      trendingOrder: new Int32Array(0), trendingByCategory: new Map(), sortedRevision: -1, sortedAt: 0, sortMs: 0,
    };
  }

  /** Latest stock per item from inventory updates (the stock is in the event's attrs). */
  private async readStock(tenant: string, catalogue: ItemCatalogue, cut: number): Promise<void> {
    for await (const batch of this.events.streamAnalysisRows(tenant, { names: ['inventory_update'], to: cut, withAttrs: true, fields: ['productId'] })) {
      for (const r of batch) {
        const stock = r.attrs ? (JSON.parse(r.attrs) as { stock?: unknown }).stock : undefined;
        if (r.productId && typeof stock === 'number') catalogue.apply({ name: 'inventory_update', ts: r.ts, productId: r.productId, stock });
      }
    }
  }
}

/** Runs a sliced computation, giving the event loop a turn between slices (requests go on being answered). */
async function runSliced<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await nextTurn();
  }
}

/** Lets the event loop run what is pending (I/O, requests) before going on. */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Approximate bytes of one item's evidence object, trending scores and index entries. */
const EVIDENCE_BYTES = 320;

function rowFields(r: AnalysisRow): ItemEventFields {
  return { name: r.name, ts: r.ts, productId: r.productId, categoryId: r.categoryId, priceBand: r.priceBand, creatorId: r.creatorId, amount: r.amount };
}

function remember(histories: Map<string, KeyHistory>, key: string, name: string, itemId: string, ts: number): void {
  let h = histories.get(key);
  if (!h) {
    h = new KeyHistory();
    histories.set(key, h);
    if (histories.size > MAX_KEYS_PER_SHOP) histories.delete(histories.keys().next().value as string);
  }
  h.add(name, itemId, signalWeight(name), ts);
}

/** A live event: into the item's evidence and the history of the event's identity key (the key the store keeps). */
function applyEvent(shop: Shop, e: CanonicalEvent): void {
  if (!e.productId) return;
  shop.catalogue.apply(e);
  if (e.name !== 'inventory_update' && e.name !== 'refund') remember(shop.histories, primaryIdentityKey(e), e.name, e.productId, e.ts);
}
