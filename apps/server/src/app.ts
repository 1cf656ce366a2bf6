/** Builds the Fastify app around an open database. `close()` the app, then the database. */
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ApiError, toApiError } from './errors.ts';
import type { AppContext } from './context.ts';
import type { ServerConfig } from './config.ts';
import type { ServerDatabase } from './db/open.ts';
import { DEFAULT_SCRYPT_LOG2_N } from './auth/password.ts';
import { authRoutes } from './routes/auth.ts';
import { shareRoutes } from './routes/shares.ts';
import { dataRoutes } from './routes/data.ts';
import { cohortRoutes } from './routes/cohorts.ts';

export interface BuildAppOptions {
  readonly database: ServerDatabase;
  readonly config: ServerConfig;
  readonly now?: () => number;
  readonly passwordCostLog2?: number;
  readonly logger?: boolean;
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const ctx: AppContext = {
    db: opts.database.db,
    config: opts.config,
    now: opts.now ?? Date.now,
    passwordCostLog2: opts.passwordCostLog2 ?? DEFAULT_SCRYPT_LOG2_N,
  };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.config.bodyLimitBytes,
    trustProxy: false,
    // No coercion and no silent removal: a wrong type or an unknown field is refused, not repaired.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
  });
  app.decorateRequest('principal', null);
  // Every route validates its query string: a route that takes none refuses any.
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema['querystring'] ??= { type: 'object', additionalProperties: false, properties: {} };
  });
  // JSON only: any other body type is refused with unsupported_media_type.
  app.removeContentTypeParser('text/plain');

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    origin: opts.config.corsOrigins.length > 0 ? [...opts.config.corsOrigins] : false,
    credentials: false,
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new ApiError('rate_limited', 'Too many attempts. Wait a minute and try again.'),
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((err, req, reply) => {
    const e = toApiError(err);
    if (e.code === 'internal') req.log.error(err);
    if (e.code === 'db_unavailable') reply.header('retry-after', '1');
    return reply.code(e.httpStatus).type('application/json; charset=utf-8').send(e.toBody());
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new ApiError('not_found', `No route ${req.method} ${req.url.split('?')[0] ?? ''}.`);
    return reply.code(e.httpStatus).send(e.toBody());
  });

  app.get('/health', async () => {
    await ctx.db.selectFrom('accounts').select('id').limit(1).execute();
    return { ok: true, backend: opts.database.backend };
  });
  authRoutes(app, ctx);
  shareRoutes(app, ctx);
  dataRoutes(app, ctx);
  cohortRoutes(app, ctx);
  return app;
}
