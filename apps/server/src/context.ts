import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import type { ServerConfig } from './config.ts';
import type { HashGate, LoginThrottle } from './auth/throttle.ts';

export const CATEGORIES = ['measures', 'diary', 'treatments', 'history', 'videos'] as const;
export type Category = (typeof CATEGORIES)[number];
/** What a share includes when the patient does not choose: everything but videos. */
export const DEFAULT_SHARE_CATEGORIES: readonly Category[] = ['measures', 'diary', 'treatments', 'history'];

export type Role = 'patient' | 'clinician';

export interface Principal {
  readonly accountId: string;
  readonly role: Role;
  readonly tokenHash: string;
}

export interface AppContext {
  readonly db: Kysely<Database>;
  readonly config: ServerConfig;
  /** Wall clock in epoch ms; injectable so expiry can be tested without waiting. */
  readonly now: () => number;
  /** scrypt cost (log2 N) for new password hashes. */
  readonly passwordCostLog2: number;
  readonly throttle: LoginThrottle;
  /** Every password hash (register, login) runs through this gate. */
  readonly hashGate: HashGate;
}

export const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
