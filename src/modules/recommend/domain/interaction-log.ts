/**
 * Interactions as columns: one row per event (user, item, weight, time), users and items as dense
 * indices into two string-id dictionaries. Splits select rows; the matrix aggregates them.
 */

/** String ids ↔ dense indices 0..size-1, in order of first appearance. */
export class IdIndex {
  private readonly byId = new Map<string, number>();
  private readonly list: string[] = [];

  /** Number of distinct ids. */
  get size(): number {
    return this.list.length;
  }

  /** The index of `id`, adding it at the end when new. */
  add(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const index = this.list.length;
    this.byId.set(id, index);
    this.list.push(id);
    return index;
  }

  /** The index of `id`, or -1 when unknown. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** The id at `index` (throws RangeError outside 0..size-1). */
  idAt(index: number): string {
    const id = this.list[index];
    if (id === undefined) throw new RangeError(`no id at index ${index} (size ${this.list.length})`);
    return id;
  }

  /** All ids in index order (a copy). */
  ids(): string[] {
    return [...this.list];
  }
}

/**
 * Events as typed columns. Row r is user `user[r]` (index into `users`) acting on item `item[r]` with
 * `weight[r]` at `ts[r]` (UTC epoch ms). Rows keep the order they were added in.
 */
export interface InteractionLog {
  readonly users: IdIndex;
  readonly items: IdIndex;
  readonly length: number;
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly weight: Float32Array;
  readonly ts: Float64Array;
}

/** Accumulates rows into an `InteractionLog`; columns grow by doubling. */
export class InteractionLogBuilder {
  readonly users: IdIndex;
  readonly items: IdIndex;
  private n = 0;
  private user = new Int32Array(1024);
  private item = new Int32Array(1024);
  private weight = new Float32Array(1024);
  private ts = new Float64Array(1024);

  /** Starts empty, or with the id dictionaries of an earlier log (indices stay comparable). */
  constructor(ids?: { readonly users: IdIndex; readonly items: IdIndex }) {
    this.users = ids?.users ?? new IdIndex();
    this.items = ids?.items ?? new IdIndex();
  }

  /** Appends one event. `weight` > 0 (the signal strength), `tsMs` UTC epoch ms. */
  push(userId: string, itemId: string, weight: number, tsMs: number): void {
    this.pushIndices(this.users.add(userId), this.items.add(itemId), weight, tsMs);
  }

  /** Appends one event whose user and item are already indices of this builder's dictionaries. */
  pushIndices(user: number, item: number, weight: number, tsMs: number): void {
    if (this.n === this.user.length) this.grow();
    this.user[this.n] = user;
    this.item[this.n] = item;
    this.weight[this.n] = weight;
    this.ts[this.n] = tsMs;
    this.n++;
  }

  /** The rows so far (the columns are trimmed copies; the builder may go on). */
  build(): InteractionLog {
    return {
      users: this.users, items: this.items, length: this.n,
      user: this.user.slice(0, this.n), item: this.item.slice(0, this.n), weight: this.weight.slice(0, this.n), ts: this.ts.slice(0, this.n),
    };
  }

  private grow(): void {
    const size = this.user.length * 2;
    const user = new Int32Array(size);
    user.set(this.user);
    const item = new Int32Array(size);
    item.set(this.item);
    const weight = new Float32Array(size);
    weight.set(this.weight);
    const ts = new Float64Array(size);
    ts.set(this.ts);
    this.user = user;
    this.item = item;
    this.weight = weight;
    this.ts = ts;
  }
}

/** The rows `rows` of `log` (in that order), sharing its id dictionaries. */
export function selectRows(log: InteractionLog, rows: Int32Array): InteractionLog {
  const user = new Int32Array(rows.length);
  const item = new Int32Array(rows.length);
  const weight = new Float32Array(rows.length);
  const ts = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    user[k] = log.user[r] as number;
    item[k] = log.item[r] as number;
    weight[k] = log.weight[r] as number;
    ts[k] = log.ts[r] as number;
  }
  return { users: log.users, items: log.items, length: rows.length, user, item, weight, ts };
}

/** Row indices per group (user or item): the rows of group g are `rows[start[g] .. start[g+1])`, in log order. */
export interface GroupedRows {
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

/** Groups row indices by the values of `column` (0..groups-1); counting sort, stable, O(rows + groups). */
export function groupRows(column: Int32Array, groups: number): GroupedRows {
  const start = new Int32Array(groups + 1);
  for (let r = 0; r < column.length; r++) {
    const g = (column[r] as number) + 1;
    start[g] = (start[g] as number) + 1;
  }
  for (let g = 0; g < groups; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const next = start.slice(0, groups);
  const rows = new Int32Array(column.length);
  for (let r = 0; r < column.length; r++) {
    const g = column[r] as number;
    rows[next[g] as number] = r;
    next[g] = (next[g] as number) + 1;
  }
  return { start, rows };
}

/** Groups the rows of `log` by user. */
export function groupRowsByUser(log: InteractionLog): GroupedRows {
  return groupRows(log.user, log.users.size);
}
