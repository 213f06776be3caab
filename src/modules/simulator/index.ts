/**
 * The demo-world simulator: a seeded, deterministic generator of a short-video commerce world
 * (creators, KuaiRec-titled videos, products, cross-platform buyers) and its event stream in the
 * wire form the events module validates. See README.md.
 */
export { generateEvents, type WorldOptions } from './domain/event-stream.js';
export { buildWorld, WORLD_SIZE, type Creator, type Product, type Video, type World } from './domain/world.js';
export { PROXY_PHONES, type Buyer, type BuyerAccount } from './domain/buyers.js';
export {
  COMMERCE_CATEGORIES, PRICE_BANDS, commerceCategoryOf, type Catalogue, type CatalogueEntry, type CommerceCategory,
} from './domain/catalogue.js';
export { fallbackCatalogue } from './domain/fallback-catalogue.js';
export { SIM_PLATFORMS, PLATFORM_SHARES, type SimPlatform } from './domain/platforms.js';
export { loadCatalogue, CAPTION_FILE } from './catalogue-loader.js';
export { catalogueFromCaptionCsv, parseCsvRecords } from './caption-csv.js';
