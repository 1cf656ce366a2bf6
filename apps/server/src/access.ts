/**
 * The access rule, in one place: a clinician may read a patient's data only through a share the
 * patient made to them that is not revoked, not past its end date, and only in the categories it lists.
 * A patient reads only their own data.
 */
import { sql } from 'kysely';
import { audit } from './audit.ts';
import { ApiError } from './errors.ts';
import { CATEGORIES, type AppContext, type Category, type Principal } from './context.ts';

export interface ActiveShare {
  readonly id: string;
  readonly categories: readonly Category[];
  readonly endsAtMs: number | null;
}

export function parseCategories(v: unknown): Category[] {
  const arr = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  if (!Array.isArray(arr)) return [];
  return arr.filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c as string));
}

/** Active shares from `patientId` to `clinicianId` now, merged (union of categories). */
export async function activeShareCategories(ctx: AppContext, clinicianId: string, patientId: string): Promise<Set<Category>> {
  const now = ctx.now();
  const rows = await ctx.db
    .selectFrom('shares')
    .select(['categories'])
    .where('clinician_id', '=', clinicianId)
    .where('patient_id', '=', patientId)
    .where('revoked_at_ms', 'is', null)
    .where((eb) => eb.or([eb('ends_at_ms', 'is', null), eb('ends_at_ms', '>', now)]))
    .execute();
  const out = new Set<Category>();
  for (const r of rows) for (const c of parseCategories(r.categories)) out.add(c);
  return out;
}

/**
 * Refuses a read and writes the refusal to the patient's audit log first (action `refused`), so a
 * patient sees who tried to read what they did not share. Written outside any transaction: the
 * refusal rolls nothing back.
 */
export async function refuseRead(ctx: AppContext, who: Principal, patientId: string, resource: string, reason: string, message: string): Promise<never> {
  await audit(ctx, who, { patientId, action: 'refused', resource, detail: { reason } });
  throw new ApiError('forbidden', message);
}

/**
 * Which categories of `patientId`'s data `who` may read. Throws `forbidden` when none
 * (the same answer whether the patient exists or not, so ids cannot be probed); the refusal is audited.
 */
export async function readableCategories(ctx: AppContext, who: Principal, patientId: string, resource = 'records'): Promise<Set<Category>> {
  if (who.role === 'patient') {
    if (who.accountId !== patientId) return refuseRead(ctx, who, patientId, resource, 'not-own-data', 'A patient can read only their own data.');
    return new Set(CATEGORIES);
  }
  const cats = await activeShareCategories(ctx, who.accountId, patientId);
  if (cats.size === 0) {
    return refuseRead(ctx, who, patientId, resource, 'no-active-share', 'This patient has no active share with you (never shared, revoked or ended). Ask the patient for an invitation.');
  }
  return cats;
}

/** Patients with at least one active share to this clinician. */
export async function sharedPatients(ctx: AppContext, clinicianId: string) {
  const now = ctx.now();
  return ctx.db
    .selectFrom('shares')
    .innerJoin('accounts', 'accounts.id', 'shares.patient_id')
    .select(['shares.id as share_id', 'shares.patient_id', 'accounts.display_name', 'shares.categories', 'shares.ends_at_ms', 'shares.created_at_ms'])
    .where('shares.clinician_id', '=', clinicianId)
    .where('shares.revoked_at_ms', 'is', null)
    .where((eb) => eb.or([eb('shares.ends_at_ms', 'is', null), eb('shares.ends_at_ms', '>', now)]))
    .orderBy('accounts.display_name')
    .orderBy(sql`shares.created_at_ms`)
    .execute();
}
