/**
 * A Kysely dialect for PGlite (embedded PostgreSQL compiled to WASM).
 * PGlite has a single connection, so this driver hands it out to one user at a time: a transaction
 * holds it from BEGIN to COMMIT/ROLLBACK and every other query waits its turn (FIFO).
 * // ref: Kysely `Driver`/`DatabaseConnection` interfaces (kysely/dist/esm/driver/driver.d.ts)
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

class PGliteConnection implements DatabaseConnection {
  readonly #db: PGlite;
  constructor(db: PGlite) {
    this.#db = db;
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.#db.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const affected = res.affectedRows;
    return affected !== undefined && affected > 0 && !/^\s*select/i.test(compiled.sql)
      ? { rows: res.rows, numAffectedRows: BigInt(affected) }
      : { rows: res.rows };
  }
  // eslint-disable-next-line require-yield -- streaming is not offered by PGlite; refuse clearly
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect: streamQuery is not supported; use execute().');
  }
}

class PGliteDriver implements Driver {
  readonly #db: PGlite;
  readonly #conn: PGliteConnection;
  #busy = false;
  readonly #waiters: (() => void)[] = [];
  readonly #ownsDb: boolean;

  constructor(db: PGlite, ownsDb: boolean) {
    this.#db = db;
    this.#conn = new PGliteConnection(db);
    this.#ownsDb = ownsDb;
  }
  async init(): Promise<void> {
    await this.#db.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#busy = true;
    return this.#conn;
  }
  async releaseConnection(): Promise<void> {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#busy = false;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy(): Promise<void> {
    if (this.#ownsDb && !this.#db.closed) await this.#db.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #db: PGlite;
  readonly #ownsDb: boolean;
  /** `ownsDb`: close the PGlite instance when Kysely is destroyed. */
  constructor(db: PGlite, ownsDb = true) {
    this.#db = db;
    this.#ownsDb = ownsDb;
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#db, this.#ownsDb);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
