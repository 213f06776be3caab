import { describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite-db.js';

describe.each([{ mode: 'in-thread', thread: false }, { mode: 'worker thread', thread: true }])('openSqlite ($mode)', ({ thread }) => {
  it('keeps another caller\'s write out of an open transaction, so a rollback cannot take it along', async () => {
    const db = openSqlite(':memory:', { thread });
    await db.exec('CREATE TABLE t (v TEXT)');
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const failing = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (?)', ['inside']);
      await gate;
      throw new Error('roll back');
    });
    const outsideWrite = db.run('INSERT INTO t VALUES (?)', ['outside']);
    release();
    await expect(failing).rejects.toThrow('roll back');
    await outsideWrite;
    expect(await db.query('SELECT v FROM t')).toEqual([{ v: 'outside' }]);
    await db.close();
  });

  it('runs concurrent transactions one after the other', async () => {
    const db = openSqlite(':memory:', { thread });
    await db.exec('CREATE TABLE c (n INTEGER)');
    await db.run('INSERT INTO c VALUES (0)');
    await Promise.all(Array.from({ length: 5 }, () => db.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }>('SELECT n FROM c');
      await new Promise((r) => setTimeout(r, 1));
      await tx.run('UPDATE c SET n = ?', [(row?.n ?? 0) + 1]);
    })));
    expect(await db.query('SELECT n FROM c')).toEqual([{ n: 5 }]);
    await db.close();
  });

  it('reports SQLite errors with their code', async () => {
    const db = openSqlite(':memory:', { thread });
    await db.exec('CREATE TABLE u (k TEXT PRIMARY KEY)');
    await db.run('INSERT INTO u VALUES (?)', ['a']);
    await expect(db.run('INSERT INTO u VALUES (?)', ['a'])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await expect(db.query('SELECT nope FROM u')).rejects.toThrow(/no such column/);
    expect(await db.query('SELECT k FROM u')).toEqual([{ k: 'a' }]);
    await db.close();
  });

  it('runs nothing of a transaction whose BEGIN failed (its statements follow BEGIN without waiting for it)', async () => {
    const db = openSqlite(':memory:', { thread });
    await db.exec('CREATE TABLE t (x INTEGER)');
    await db.exec('BEGIN'); // opened behind the lock's back: the next BEGIN IMMEDIATE fails
    await expect(db.transaction(async (tx) => { await tx.run('INSERT INTO t VALUES (1)'); })).rejects.toThrow(/within a transaction/);
    await db.exec('COMMIT');
    expect(await db.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await db.transaction(async (tx) => { await tx.run('INSERT INTO t VALUES (2)'); });
    expect(await db.query('SELECT x FROM t')).toEqual([{ x: 2 }]);
    await db.close();
  });
});
