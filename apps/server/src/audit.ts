/** The audit log: one row per read or write of a patient's data. Append-only (a DB trigger refuses changes). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/schema.ts';
import type { AppContext, Principal } from './context.ts';

export interface AuditEntry {
  readonly patientId: string;
  readonly action: 'read' | 'write' | 'delete' | 'export' | 'refused';
  readonly resource: string;
  readonly detail?: Record<string, unknown>;
}

export async function audit(ctx: AppContext, who: Principal, e: AuditEntry, trx?: Transaction<Database> | Kysely<Database>): Promise<void> {
  await (trx ?? ctx.db)
    .insertInto('audit_log')
    .values({
      at_ms: ctx.now(),
      actor_id: who.accountId,
      actor_role: who.role,
      patient_id: e.patientId,
      action: e.action,
      resource: e.resource,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}
