/**
 * Migrations: plain SQL that PostgreSQL 15+ and PGlite both run unchanged. Append only — never edit a
 * migration that has shipped; add the next one. The parity test checks names are ordered and unique.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const m0001: Migration = {
  async up(db) {
    await sql`
      create table accounts (
        id text primary key,
        email text not null unique,
        role text not null check (role in ('patient', 'clinician')),
        display_name text not null,
        password_hash text,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`
      create table sessions (
        token_hash text primary key,
        account_id text not null references accounts(id) on delete cascade,
        created_at_ms bigint not null,
        expires_at_ms bigint not null,
        last_seen_ms bigint not null,
        revoked_at_ms bigint
      )`.execute(db);
    await sql`create index sessions_account on sessions(account_id)`.execute(db);
    await sql`
      create table passkeys (
        credential_id text primary key,
        account_id text not null references accounts(id) on delete cascade,
        public_key text not null,
        counter bigint not null,
        transports jsonb not null,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`
      create table webauthn_challenges (
        challenge text primary key,
        account_id text references accounts(id) on delete cascade,
        purpose text not null check (purpose in ('register', 'login')),
        expires_at_ms bigint not null,
        used_at_ms bigint
      )`.execute(db);
    await sql`
      create table invites (
        code_hash text primary key,
        patient_id text not null references accounts(id) on delete cascade,
        categories jsonb not null,
        ends_at_ms bigint,
        expires_at_ms bigint not null,
        used_at_ms bigint,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`
      create table shares (
        id text primary key,
        patient_id text not null references accounts(id) on delete cascade,
        clinician_id text not null references accounts(id) on delete cascade,
        categories jsonb not null,
        ends_at_ms bigint,
        revoked_at_ms bigint,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`create index shares_clinician on shares(clinician_id)`.execute(db);
    await sql`create index shares_patient on shares(patient_id)`.execute(db);
    // Text that takes part in ordering uses the C collation so PGlite and PostgreSQL order alike.
    await sql`
      create table change_log (
        seq bigint generated always as identity primary key,
        owner_id text not null references accounts(id) on delete cascade,
        record_id text collate "C" not null,
        kind text not null,
        category text not null,
        hlc text collate "C" not null,
        device_id text collate "C" not null,
        version integer not null,
        deleted boolean not null,
        payload jsonb not null,
        received_at_ms bigint not null,
        unique (owner_id, record_id, hlc, device_id)
      )`.execute(db);
    await sql`create index change_log_owner_seq on change_log(owner_id, seq)`.execute(db);
    await sql`
      create table records_current (
        owner_id text not null references accounts(id) on delete cascade,
        record_id text collate "C" not null,
        kind text not null,
        category text not null,
        hlc text collate "C" not null,
        device_id text collate "C" not null,
        version integer not null,
        deleted boolean not null,
        payload jsonb not null,
        seq bigint not null,
        primary key (owner_id, record_id)
      )`.execute(db);
    await sql`create index records_current_category on records_current(owner_id, category)`.execute(db);
    await sql`
      create table sync_cursors (
        owner_id text not null references accounts(id) on delete cascade,
        device_id text not null,
        cursor bigint not null,
        updated_at_ms bigint not null,
        primary key (owner_id, device_id)
      )`.execute(db);
    await sql`
      create table programs (
        id text primary key,
        patient_id text not null references accounts(id) on delete cascade,
        clinician_id text references accounts(id) on delete set null,
        title text not null,
        document jsonb not null,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`
      create table audit_log (
        seq bigint generated always as identity primary key,
        at_ms bigint not null,
        actor_id text not null,
        actor_role text not null,
        patient_id text not null,
        action text not null check (action in ('read', 'write', 'delete', 'export')),
        resource text not null,
        detail jsonb not null
      )`.execute(db);
    await sql`create index audit_log_patient on audit_log(patient_id, seq)`.execute(db);
    // Append-only, enforced by the database itself: the log's rows can be neither changed nor removed.
    await sql`
      create function geste_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'table % is append-only', tg_table_name using errcode = '42501';
      end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function geste_append_only()`.execute(db);
    await sql`create trigger change_log_no_update before update on change_log
      for each row execute function geste_append_only()`.execute(db);
  },
};

/**
 * Research cohorts a clinician imported (CSV, FHIR or records): one record set per pseudonymous
 * subject, owned by the importing clinician's account, never joined to any patient account.
 */
const m0002: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table cohorts (
        id text primary key,
        owner_id text not null references accounts(id) on delete cascade,
        name text not null,
        source text not null check (source in ('records', 'csv', 'fhir')),
        subject_count integer not null,
        created_at_ms bigint not null
      )`.execute(db);
    await sql`create index cohorts_owner on cohorts(owner_id, created_at_ms)`.execute(db);
    await sql`
      create table cohort_subjects (
        cohort_id text not null references cohorts(id) on delete cascade,
        subject_key text not null,
        group_label text,
        site text,
        records jsonb not null,
        primary key (cohort_id, subject_key)
      )`.execute(db);
  },
};

/** Ordered by name; names are zero-padded so lexical order is apply order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_cohorts': m0002,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...MIGRATIONS };
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
