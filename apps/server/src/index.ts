export { buildApp, type BuildAppOptions } from './app.ts';
export { configFromEnv, type ServerConfig } from './config.ts';
export { openDatabase, type OpenDatabaseOptions, type ServerDatabase } from './db/open.ts';
export { MIGRATIONS, migrateToLatest } from './db/migrations.ts';
export { PGliteDialect } from './db/pglite-dialect.ts';
export { ApiError, ERROR_CODES, HTTP_STATUS_BY_CODE, toApiError, type ErrorCode, type ApiErrorBody } from './errors.ts';
export { CATEGORIES, DEFAULT_SHARE_CATEGORIES, type Category } from './context.ts';
export { normalizeHlc, compareVersions, checkStamp, HLC_PATTERN, HLC_MAX_SKEW_MS } from '@geste/contract';
export type { ChangeIn, ChangeOut, PushResult, PushStatus } from './sync/sync.ts';
