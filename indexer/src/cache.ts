// Entities of one batch of blocks: loaded once, changed in memory, written once at the end of the
// batch (in the same transaction as the processor's progress, so a crash loses the whole batch
// or nothing, and a restart neither skips nor repeats a block).
import type { Store } from '@subsquid/typeorm-store';
import { In } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Class<E> = { new (props?: any): E; name: string };
interface Row { id: string }

export class Batch {
  private rows = new Map<Class<Row>, Map<string, Row>>();
  private dirty = new Map<Class<Row>, Set<string>>();
  /** Ids a prefetch found missing from the database: not asked for again. */
  private absent = new Map<Class<Row>, Set<string>>();

  constructor(readonly store: Store, private readonly order: Class<Row>[]) {}

  private table<E extends Row>(cls: Class<E>): Map<string, E> {
    let t = this.rows.get(cls);
    if (!t) { t = new Map(); this.rows.set(cls, t); }
    return t as Map<string, E>;
  }

  /** Loads the rows of `ids` not yet in memory in one query. */
  async prefetch<E extends Row>(cls: Class<E>, ids: Iterable<string>): Promise<void> {
    const t = this.table(cls);
    let absent = this.absent.get(cls);
    if (!absent) { absent = new Set(); this.absent.set(cls, absent); }
    const missing = [...new Set(ids)].filter((id) => !t.has(id) && !absent.has(id));
    for (let i = 0; i < missing.length; i += 10_000) {
      const slice = missing.slice(i, i + 10_000);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const found = await this.store.findBy(cls as any, { id: In(slice) } as any);
      for (const row of found as E[]) t.set(row.id, row);
      for (const id of slice) if (!t.has(id)) absent.add(id);
    }
  }

  /** The row `id`, from memory or the database. */
  async get<E extends Row>(cls: Class<E>, id: string): Promise<E | undefined> {
    const t = this.table(cls);
    const hit = t.get(id);
    if (hit) return hit;
    if (this.absent.get(cls)?.has(id)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = (await this.store.get(cls as any, id)) as E | undefined;
    if (row) t.set(id, row);
    return row;
  }

  /** The row `id`; a row the chain's events imply must exist, so its absence is a bug. */
  async must<E extends Row>(cls: Class<E>, id: string, at: number): Promise<E> {
    const row = await this.get(cls, id);
    if (!row) throw new Error(`${cls.name} ${id} is not indexed, yet an event at block ${at} refers to it`);
    return row;
  }

  /** The rows of `cls` in memory (loaded or made by this batch). */
  rowsOf<E extends Row>(cls: Class<E>): E[] {
    return [...this.table(cls).values()];
  }

  /** Marks `row` to be written at the end of the batch. */
  put<E extends Row>(cls: Class<E>, row: E): E {
    this.table(cls).set(row.id, row);
    let d = this.dirty.get(cls);
    if (!d) { d = new Set(); this.dirty.set(cls, d); }
    d.add(row.id);
    return row;
  }

  /** Rows in memory, of every class. */
  size(): number {
    let n = 0;
    for (const t of this.rows.values()) n += t.size;
    return n;
  }

  /**
   * Writes every changed row and forgets every row in memory: within the batch's transaction,
   * so what was written is read back as needed. Keeps an epoch of a million devices from
   * holding a million rows in memory.
   */
  async evict(): Promise<void> {
    await this.flush();
    this.rows.clear();
    this.absent.clear();
  }

  /** Writes every changed row, parents before children (the order the constructor was given). */
  async flush(): Promise<void> {
    for (const cls of this.order) {
      const ids = this.dirty.get(cls);
      if (!ids || ids.size === 0) continue;
      const t = this.table(cls);
      const rows = [...ids].map((id) => t.get(id)!);
      for (let i = 0; i < rows.length; i += 5_000) await this.store.upsert(rows.slice(i, i + 5_000));
      ids.clear();
    }
    for (const [cls, ids] of this.dirty) {
      if (ids.size > 0) throw new Error(`${cls.name} rows changed but ${cls.name} is not in the write order`);
    }
  }
}
