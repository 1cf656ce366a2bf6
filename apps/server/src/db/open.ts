/** Opens the server database: embedded PGlite by default, PostgreSQL when a URL is given. */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent, PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (default) keeps it in memory. */
  readonly dataDir?: string;
  readonly poolSize?: number;
}

export interface ServerDatabase {
  readonly db: Kysely<Database>;
  readonly backend: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<ServerDatabase> {
  let db: Kysely<Database>;
  let backend: ServerDatabase['backend'];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
    });
    // A pool client that loses its server (restart, network) emits 'error' while idle: log, don't crash.
    pool.on('error', () => undefined);
    // A checked-out client whose server goes away emits 'error' too; the query in flight already
    // rejects with it (and is answered db_unavailable), so the event itself must not crash the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    backend = 'postgres';
  } else {
    const dataDir = opts.dataDir ?? 'memory://';
    const lite = new PGlite(dataDir);
    await lite.waitReady;
    db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
    backend = 'pglite';
  }
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, backend, close: () => db.destroy() };
}
