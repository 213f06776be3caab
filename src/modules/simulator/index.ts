/**
 * The demo-world simulator: a seeded, deterministic generator of a short-video commerce world
 * (creators, KuaiRec-titled videos, products, cross-platform buyers) and its event stream in the
 * wire form the events module validates. See README.md.
 */
export {
  generateEvents, type WorldOptions,
} from './domain/event-stream.js';
export {
  buildWorld, type Creator, type Product, type Video, type World,
} from './domain/world.js';
export {
  type Buyer, type BuyerAccount,
} from './domain/buyers.js';
export {
  type Catalogue, type CatalogueEntry, type CommerceCategory,
} from './domain/catalogue.js';
export {
  fallbackCatalogue,
} from './domain/fallback-catalogue.js';
export {
  type SimPlatform,
} from './domain/platforms.js';
export {
  loadCatalogue,
} from './catalogue-loader.js';
export {
  liveBurstMinute, type LiveBurstOptions, type BurstNode,
} from './domain/live-burst.js';
