/** Row types of the server database, as Kysely sees them. Times are epoch milliseconds (`…Ms`). */
import type { ColumnType } from 'kysely';

/** int8 comes back as a string from `pg` and as a number from PGlite: always read it with Number(). */
type Int8 = ColumnType<number | string, number, number>;
type Json = ColumnType<unknown, string, string>;

export interface AccountsTable {
  id: string;
  email: string;
  role: 'patient' | 'clinician';
  display_name: string;
  password_hash: string | null;
  created_at_ms: Int8;
}
export interface SessionsTable {
  token_hash: string;
  account_id: string;
  created_at_ms: Int8;
  expires_at_ms: Int8;
  last_seen_ms: Int8;
  revoked_at_ms: Int8 | null;
}
export interface PasskeysTable {
  credential_id: string;
  account_id: string;
  public_key: string;
  counter: Int8;
  transports: Json;
  created_at_ms: Int8;
}
export interface ChallengesTable {
  challenge: string;
  account_id: string | null;
  purpose: 'register' | 'login';
  expires_at_ms: Int8;
  used_at_ms: Int8 | null;
}
export interface InvitesTable {
  code_hash: string;
  patient_id: string;
  categories: Json;
  ends_at_ms: Int8 | null;
  expires_at_ms: Int8;
  used_at_ms: Int8 | null;
  created_at_ms: Int8;
}
export interface SharesTable {
  id: string;
  patient_id: string;
  clinician_id: string;
  categories: Json;
  ends_at_ms: Int8 | null;
  revoked_at_ms: Int8 | null;
  created_at_ms: Int8;
}
export interface ChangeLogTable {
  seq: ColumnType<number | string, never, never>;
  owner_id: string;
  record_id: string;
  kind: string;
  category: string;
  hlc: string;
  device_id: string;
  version: number;
  deleted: boolean;
  payload: Json;
  received_at_ms: Int8;
}
export interface RecordsCurrentTable {
  owner_id: string;
  record_id: string;
  kind: string;
  category: string;
  hlc: string;
  device_id: string;
  version: number;
  deleted: boolean;
  payload: Json;
  seq: Int8;
}
export interface SyncCursorsTable {
  owner_id: string;
  device_id: string;
  cursor: Int8;
  updated_at_ms: Int8;
}
export interface ProgramsTable {
  id: string;
  patient_id: string;
  clinician_id: string | null;
  title: string;
  document: Json;
  created_at_ms: Int8;
}
export interface AuditLogTable {
  seq: ColumnType<number | string, never, never>;
  at_ms: Int8;
  actor_id: string;
  actor_role: string;
  patient_id: string;
  action: 'read' | 'write' | 'delete' | 'export';
  resource: string;
  detail: Json;
}

export interface CohortsTable {
  id: string;
  owner_id: string;
  name: string;
  source: 'records' | 'csv' | 'fhir';
  subject_count: number;
  created_at_ms: Int8;
}
export interface CohortSubjectsTable {
  cohort_id: string;
  subject_key: string;
  group_label: string | null;
  site: string | null;
  records: Json;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: ChallengesTable;
  invites: InvitesTable;
  shares: SharesTable;
  change_log: ChangeLogTable;
  records_current: RecordsCurrentTable;
  sync_cursors: SyncCursorsTable;
  programs: ProgramsTable;
  audit_log: AuditLogTable;
  cohorts: CohortsTable;
  cohort_subjects: CohortSubjectsTable;
}
