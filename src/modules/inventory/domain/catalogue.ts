/**
 * Products, SKUs (a bundle is a SKU made of other SKUs) and warehouses, and the checks they pass before
 * they are stored. Pure. Money is integer fen; coordinates are degrees.
 */
import { REGION_CENTRES } from './geo.js';

export interface Product {
  readonly id: string;
  readonly name: string;
}

export interface BundlePart {
  readonly sku: string;
  readonly quantity: number;
}

export interface Sku {
  readonly id: string;
  readonly productId: string;
  readonly name: string;
  readonly priceFen: number;
  readonly currency: string;
  /** A bundle's parts (each a plain SKU); empty for a plain SKU, which is what warehouses stock. */
  readonly parts: readonly BundlePart[];
}

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-2:CN code of the province-level region (e.g. `CN-ZJ`). */
  readonly region: string;
  readonly lat: number;
  readonly lon: number;
}

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const positiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** Problems with a SKU definition (empty when valid). `known` answers whether a SKU id exists and is plain. */
export function skuProblems(s: Sku, known: (sku: string) => 'plain' | 'bundle' | undefined): string[] {
  const p: string[] = [];
  if (!ID.test(s.id)) p.push('id: 1–64 letters, digits or _ . : -');
  if (!ID.test(s.productId)) p.push('productId: 1–64 letters, digits or _ . : -');
  if (!s.name || s.name.length > 200) p.push('name: 1–200 characters');
  if (!Number.isSafeInteger(s.priceFen) || s.priceFen < 0) p.push('priceFen: a non-negative integer (fen)');
  if (!/^[A-Z]{3}$/.test(s.currency)) p.push('currency: ISO 4217 code, e.g. CNY');
  s.parts.forEach((part, i) => {
    if (!positiveInt(part.quantity)) p.push(`parts[${i}].quantity: a positive integer`);
    if (part.sku === s.id) p.push(`parts[${i}].sku: a bundle cannot contain itself`);
    else if (known(part.sku) === undefined) p.push(`parts[${i}].sku: unknown SKU ${part.sku}`);
    else if (known(part.sku) === 'bundle') p.push(`parts[${i}].sku: ${part.sku} is a bundle; list its parts instead`);
  });
  return p;
}

/** Problems with a warehouse definition (empty when valid). */
export function warehouseProblems(w: Warehouse): string[] {
  const p: string[] = [];
  if (!ID.test(w.id)) p.push('id: 1–64 letters, digits or _ . : -');
  if (!w.name || w.name.length > 200) p.push('name: 1–200 characters');
  if (!(w.region.toUpperCase() in REGION_CENTRES)) p.push('region: an ISO 3166-2:CN code such as CN-ZJ');
  if (!Number.isFinite(w.lat) || w.lat < -90 || w.lat > 90) p.push('lat: degrees in [-90, 90]');
  if (!Number.isFinite(w.lon) || w.lon < -180 || w.lon > 180) p.push('lon: degrees in [-180, 180]');
  return p;
}

/** An order line as the buyer asked: units of a SKU (plain or bundle). */
export interface WantedLine {
  readonly sku: string;
  readonly quantity: number;
}

/**
 * The plain SKUs the lines need: a bundle line becomes its parts × quantity; plain lines stay. Repeated
 * SKUs are summed, first-seen order kept.
 * @example expandBundles([{ sku: 'gift_box', quantity: 2 }], …) // [{ sku: 'tea', quantity: 2 }, { sku: 'cup', quantity: 4 }]
 */
export function expandBundles(lines: readonly WantedLine[], skuOf: (id: string) => Sku | undefined): WantedLine[] {
  const out = new Map<string, number>();
  for (const l of lines) {
    const s = skuOf(l.sku);
    const parts = s && s.parts.length > 0 ? s.parts.map((p) => ({ sku: p.sku, quantity: p.quantity * l.quantity })) : [l];
    for (const p of parts) out.set(p.sku, (out.get(p.sku) ?? 0) + p.quantity);
  }
  return [...out].map(([sku, quantity]) => ({ sku, quantity }));
}
