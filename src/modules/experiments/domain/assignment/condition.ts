/**
 * GrowthBook's targeting conditions: a MongoDB-like query evaluated against a unit's attributes.
 *
 * Semantics follow GrowthBook's SDKs (checked against its published cases), including their
 * JavaScript-flavoured corners: a missing attribute reads as null, `$lt`/`$gt` compare like JavaScript's
 * `<` (null counts as 0, numeric strings as numbers), arrays and plain objects are equal when their
 * JSON text is equal (key order matters), an unknown operator or an invalid regex fails the condition.
 */
import { encodeVersion } from './version-string.js';

/** A condition: attribute paths (dotted for nesting) or `$and`/`$or`/`$nor`/`$not` mapped to conditions. */
export type Condition = Readonly<Record<string, unknown>>;

/** The unit's attributes (any JSON object). */
export type Attributes = Readonly<Record<string, unknown>>;

/** Saved groups for `$inGroup`/`$notInGroup`: group id → member values (compared strictly). */
export type SavedGroups = Readonly<Record<string, readonly unknown[]>>;

const NO_GROUPS: SavedGroups = {};

/**
 * Whether `attributes` satisfy `condition`. Every top-level entry must hold.
 * - logic: `$and` / `$or` (empty passes) / `$nor` over condition lists, `$not` over a condition;
 * - per attribute: a literal (string/number/boolean/null compared loosely like GrowthBook, arrays and
 *   objects by JSON text) or an operator object: `$eq $ne $lt $lte $gt $gte $regex $regexi $in $nin
 *   $ini $nini $all $alli $elemMatch $size $exists $type $not`, versions `$veq $vne $vgt $vgte $vlt
 *   $vlte`, saved groups `$inGroup $notInGroup`.
 * Never throws on malformed input: what cannot be evaluated fails.
 * @example evalCondition({ country: 'US', age: 30 }, { country: { $in: ['US', 'CA'] }, age: { $gte: 18 } }) === true
 */
export function evalCondition(attributes: unknown, condition: Condition, savedGroups: SavedGroups = NO_GROUPS): boolean {
  for (const key of Object.keys(condition)) {
    const sub = condition[key];
    if (key === '$or') {
      if (!evalOr(attributes, sub, savedGroups)) return false;
    } else if (key === '$nor') {
      if (evalOr(attributes, sub, savedGroups)) return false;
    } else if (key === '$and') {
      if (!evalAnd(attributes, sub, savedGroups)) return false;
    } else if (key === '$not') {
      if (satisfies(attributes, sub, savedGroups)) return false;
    } else if (!evalConditionValue(sub, readPath(attributes, key), savedGroups)) {
      return false;
    }
  }
  return true;
}

/** An empty list passes (as in GrowthBook); otherwise one member must pass. */
function evalOr(attributes: unknown, conditions: unknown, savedGroups: SavedGroups): boolean {
  if (!Array.isArray(conditions)) return false;
  if (conditions.length === 0) return true;
  return conditions.some((c: unknown) => satisfies(attributes, c, savedGroups));
}

function evalAnd(attributes: unknown, conditions: unknown, savedGroups: SavedGroups): boolean {
  if (!Array.isArray(conditions)) return false;
  return conditions.every((c: unknown) => satisfies(attributes, c, savedGroups));
}

/** Like evalCondition, for a condition read from untyped JSON: anything but an object never holds. */
function satisfies(attributes: unknown, condition: unknown, savedGroups: SavedGroups): boolean {
  return isPlainObject(condition) && evalCondition(attributes, condition, savedGroups);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a dotted path; null when any step is missing or not an object (GrowthBook reads missing as null). */
function readPath(root: unknown, path: string): unknown {
  let current = root;
  let from = 0;
  while (from <= path.length) {
    const dot = path.indexOf('.', from);
    const part = dot === -1 ? path.slice(from) : path.slice(from, dot);
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
    if (dot === -1) break;
    from = dot + 1;
  }
  return current;
}

/** True when an object is non-empty and all its keys are operators (`$…`). */
function isOperatorObject(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** Evaluates the condition of one attribute against its value. */
function evalConditionValue(condition: unknown, actual: unknown, savedGroups: SavedGroups): boolean {
  if (typeof condition === 'string') return coerceToText(actual) === condition;
  if (typeof condition === 'number') return Number(actual) === condition;
  if (typeof condition === 'boolean') return actual !== null && actual !== undefined && Boolean(actual) === condition;
  if (condition === null) return actual === null || actual === undefined;
  if (!isPlainObject(condition) || !isOperatorObject(condition)) return JSON.stringify(actual) === JSON.stringify(condition);
  for (const op of Object.keys(condition)) {
    if (!evalOperator(op, actual, condition[op], savedGroups)) return false;
  }
  return true;
}

/** Applies one operator to an attribute value. */
function evalOperator(op: string, actual: unknown, expected: unknown, savedGroups: SavedGroups): boolean {
  switch (op) {
    case '$veq': return encodeVersion(actual) === encodeVersion(expected);
    case '$vne': return encodeVersion(actual) !== encodeVersion(expected);
    case '$vgt': return encodeVersion(actual) > encodeVersion(expected);
    case '$vgte': return encodeVersion(actual) >= encodeVersion(expected);
    case '$vlt': return encodeVersion(actual) < encodeVersion(expected);
    case '$vlte': return encodeVersion(actual) <= encodeVersion(expected);
    case '$eq': return actual === expected;
    case '$ne': return actual !== expected;
    case '$lt': return isLessLoosely(actual, expected);
    case '$lte': return isLessLoosely(actual, expected) || isEqualLoosely(actual, expected);
    case '$gt': return isLessLoosely(expected, actual);
    case '$gte': return isLessLoosely(expected, actual) || isEqualLoosely(actual, expected);
    case '$exists': return expected ? actual !== null && actual !== undefined : actual === null || actual === undefined;
    case '$in': return Array.isArray(expected) && isIn(actual, expected, false);
    case '$nin': return Array.isArray(expected) && !isIn(actual, expected, false);
    case '$ini': return Array.isArray(expected) && isIn(actual, expected, true);
    case '$nini': return Array.isArray(expected) && !isIn(actual, expected, true);
    case '$inGroup': return isIn(actual, readGroup(savedGroups, expected), false);
    case '$notInGroup': return !isIn(actual, readGroup(savedGroups, expected), false);
    case '$not': return !evalConditionValue(expected, actual, savedGroups);
    case '$size': return Array.isArray(actual) && evalConditionValue(expected, actual.length, savedGroups);
    case '$elemMatch': return matchesElement(actual, expected, savedGroups);
    case '$all': return containsAll(actual, expected, false, savedGroups);
    case '$alli': return containsAll(actual, expected, true, savedGroups);
    case '$regex': return testRegex(actual, expected, '');
    case '$regexi': return testRegex(actual, expected, 'i');
    case '$type': return getTypeName(actual) === expected;
    default: return false;
  }
}

/** `String(value)` for the primitives JSON has; what `value + ''` gives in JavaScript. */
function coerceToText(value: unknown): string {
  return typeof value === 'object' && value !== null ? coerceObjectToText(value) : String(value);
}

/** The string JavaScript would convert an array or object to (`[1,2]` → '1,2', `{}` → '[object Object]'). */
function coerceObjectToText(value: object): string {
  return Array.isArray(value) ? value.map((v: unknown) => (v === null || v === undefined ? '' : coerceToText(v))).join(',') : '[object Object]';
}

/** JavaScript's `a < b` on JSON values: text order when both are strings, numeric order otherwise. */
function isLessLoosely(a: unknown, b: unknown): boolean {
  const pa = typeof a === 'object' && a !== null ? coerceObjectToText(a) : a;
  const pb = typeof b === 'object' && b !== null ? coerceObjectToText(b) : b;
  if (typeof pa === 'string' && typeof pb === 'string') return pa < pb;
  return Number(pa) < Number(pb);
}

/** The "equal" half of JavaScript's `a <= b`, i.e. `!(b < a)` without NaN (which makes both false). */
function isEqualLoosely(a: unknown, b: unknown): boolean {
  const pa = typeof a === 'object' && a !== null ? coerceObjectToText(a) : a;
  const pb = typeof b === 'object' && b !== null ? coerceObjectToText(b) : b;
  if (typeof pa === 'string' && typeof pb === 'string') return pa === pb;
  return Number(pa) === Number(pb);
}

function readGroup(savedGroups: SavedGroups, id: unknown): readonly unknown[] {
  if (typeof id !== 'string' || !Object.hasOwn(savedGroups, id)) return [];
  const group = savedGroups[id];
  return Array.isArray(group) ? group : [];
}

function foldCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Whether the value (or, for an array, any of its elements) is in the list; strict equality. */
function isIn(actual: unknown, list: readonly unknown[], caseInsensitive: boolean): boolean {
  const candidates = caseInsensitive ? list.map(foldCase) : list;
  if (Array.isArray(actual)) return actual.some((el: unknown) => candidates.includes(caseInsensitive ? foldCase(el) : el));
  return candidates.includes(caseInsensitive ? foldCase(actual) : actual);
}

/** `$elemMatch`: some element satisfies an operator object, or (for objects) a nested condition. */
function matchesElement(actual: unknown, expected: unknown, savedGroups: SavedGroups): boolean {
  if (!Array.isArray(actual) || !isPlainObject(expected)) return false;
  const byOperators = isOperatorObject(expected);
  return actual.some((el: unknown) => (byOperators ? evalConditionValue(expected, el, savedGroups) : evalCondition(el, expected, savedGroups)));
}

/** `$all` / `$alli`: every expected entry matches some element of the array. */
function containsAll(actual: unknown, expected: unknown, caseInsensitive: boolean, savedGroups: SavedGroups): boolean {
  if (!Array.isArray(actual) || !Array.isArray(expected)) return false;
  return expected.every((want: unknown) => actual.some((el: unknown) => {
    if (caseInsensitive && typeof want === 'string') return typeof el === 'string' && el.toLowerCase() === want.toLowerCase();
    return evalConditionValue(want, el, savedGroups);
  }));
}

/** Tests a pattern against the value's text; an invalid pattern fails (never throws). */
function testRegex(actual: unknown, pattern: unknown, flags: '' | 'i'): boolean {
  if (typeof pattern !== 'string') return false;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch {
    return false;
  }
  return re.test(coerceToText(actual));
}

/** GrowthBook's `$type` names: string, number, boolean, object, array, null, undefined. */
function getTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' || t === 'undefined' ? t : 'unknown';
}
