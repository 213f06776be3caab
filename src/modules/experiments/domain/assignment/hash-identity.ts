/**
 * Which attribute identifies the unit for hashing, GrowthBook's way.
 */
import type { Attributes } from './condition.js';

/** The unit's identity for hashing: which attribute was used and its value as text ('' when absent). */
export interface HashIdentity {
  readonly hashAttribute: string;
  readonly hashValue: string;
}

/**
 * The attribute used for hashing and its value: `attribute` (default 'id'), else `fallback` when the
 * first is empty. Empty means missing, null, '' or any falsy value (GrowthBook's rule); other values
 * are turned into text (`123` → '123').
 */
export function resolveHashIdentity(attributes: Attributes | undefined, attribute?: string, fallback?: string): HashIdentity {
  const primary = attribute !== undefined && attribute !== '' ? attribute : 'id';
  const value = readAttributeText(attributes, primary);
  if (value === '' && fallback !== undefined && fallback !== '') {
    const second = readAttributeText(attributes, fallback);
    if (second !== '') return { hashAttribute: fallback, hashValue: second };
  }
  return { hashAttribute: primary, hashValue: value };
}

function readAttributeText(attributes: Attributes | undefined, name: string): string {
  if (attributes === undefined || !Object.hasOwn(attributes, name)) return '';
  const value = attributes[name];
  return value ? String(value) : '';
}
