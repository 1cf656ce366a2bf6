import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.ts';
import { MIGRATIONS } from './migrations.ts';

interface T {
  t: { id: number; v: number };
}

describe('PGlite dialect', () => {
  it('serialises concurrent transactions on the single connection: no lost update', async () => {
    const lite = new PGlite();
    const db = new Kysely<T>({ dialect: new PGliteDialect(lite) });
    await sql`create table t (id int primary key, v int not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, v: 0 }).execute();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('t').select('v').where('id', '=', 1).executeTakeFirstOrThrow();
          await new Promise((r) => setTimeout(r, 1));
          await trx.updateTable('t').set({ v: row.v + 1 }).where('id', '=', 1).execute();
        }),
      ),
    );
    expect((await db.selectFrom('t').select('v').executeTakeFirstOrThrow()).v).toBe(20);
    // A failed transaction rolls back and frees the connection.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('t').set({ v: 999 }).where('id', '=', 1).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.selectFrom('t').select('v').executeTakeFirstOrThrow()).v).toBe(20);
    const upd = await db.updateTable('t').set({ v: 21 }).where('id', '=', 1).executeTakeFirst();
    expect(Number(upd.numUpdatedRows)).toBe(1);
    await db.destroy();
    expect(lite.closed).toBe(true);
  });

  it('migrations: names are unique, zero-padded and in apply order', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual(names);
    for (const n of names) expect(n).toMatch(/^\d{4}_[a-z0-9_]+$/);
  });
});
