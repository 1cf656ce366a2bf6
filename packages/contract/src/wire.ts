/**
 * The sync wire contract (docs/sync.md, "Envelope"), as zod schemas. The server's JSON Schema for
 * `POST /sync/push` is generated from `PushBody` (apps/server/src/schemas.ts); the app types its
 * transport with the inferred types. Change a rule here and both sides change.
 */
import { z } from 'zod';
import { HLC_PATTERN } from './hlc.ts';

export const CATEGORIES = ['measures', 'diary', 'treatments', 'history', 'videos'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Record id and device id on the wire. */
export const WireId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** The record type, e.g. `diary`; the server stores it and checks payloads of the app's kinds. */
export const Kind = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/);
/** Shape only: the calendar and the bounds against a clock are `checkStamp`'s job. */
export const HlcStamp = z.string().regex(new RegExp(HLC_PATTERN));
export const MAX_CHANGES_PER_PUSH = 500;

export const WireChange = z.strictObject({
  id: WireId,
  kind: Kind,
  category: Category,
  updatedAt: HlcStamp,
  deviceId: WireId,
  version: z.number().int().min(1).max(1_000_000),
  deleted: z.boolean().optional(),
  payload: z.record(z.string(), z.unknown()),
});
export type WireChange = z.infer<typeof WireChange>;

export const PushBody = z.strictObject({ changes: z.array(WireChange).max(MAX_CHANGES_PER_PUSH) });
export type PushBody = z.infer<typeof PushBody>;

export const PushStatus = z.enum(['applied', 'stale', 'duplicate']);
export type PushStatus = z.infer<typeof PushStatus>;
export const PushResult = z.object({ id: WireId, updatedAt: HlcStamp, deviceId: WireId, status: PushStatus });
export type PushResult = z.infer<typeof PushResult>;
export const PushAnswer = z.object({ results: z.array(PushResult) });

export const PulledChange = WireChange.extend({ seq: z.number().int().min(1), deleted: z.boolean(), payload: z.unknown() });
export type PulledChange = z.infer<typeof PulledChange>;
export const PullPage = z.object({ changes: z.array(PulledChange), cursor: z.number().int().min(0), hasMore: z.boolean() });
export type PullPage = z.infer<typeof PullPage>;

export const AckBody = z.strictObject({ deviceId: WireId, cursor: z.number().int().min(0).max(1e15) });
export type AckBody = z.infer<typeof AckBody>;
