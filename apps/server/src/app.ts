/** Builds the Fastify app around an open database. `close()` the app, then the database. */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { ApiError, toApiError } from './errors.ts';
import type { AppContext } from './context.ts';
import type { ServerConfig } from './config.ts';
import type { ServerDatabase } from './db/open.ts';
import { DEFAULT_SCRYPT_LOG2_N } from './auth/password.ts';
import { HashGate, LoginThrottle } from './auth/throttle.ts';
import { parseJsonBody } from './input.ts';
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
    throttle: new LoginThrottle(opts.config, opts.now ?? Date.now),
    hashGate: new HashGate(opts.config.hashConcurrency, opts.config.hashQueueMax),
  };
  const send = (reply: FastifyReply, e: ApiError) => reply.code(e.httpStatus).type('application/json; charset=utf-8').send(e.toBody());
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.config.bodyLimitBytes,
    trustProxy: opts.config.trustProxy.length > 0 ? [...opts.config.trustProxy] : false,
    // Errors the router meets before any route (a bad %-escape in the path): the same error shape as all others.
    frameworkErrors: (err, _req, reply) => {
      const e = err.code === 'FST_ERR_BAD_URL' ? new ApiError('invalid_input', 'The URL has a malformed %-escape. Encode it with encodeURIComponent.') : toApiError(err);
      void send(reply, e);
    },
    // Errors Node's HTTP parser meets before Fastify (header too large, malformed request line): answered in the same shape, then closed.
    clientErrorHandler: (err, socket) => {
      const tooLarge = (err as { code?: string }).code === 'HPE_HEADER_OVERFLOW';
      const e = new ApiError(tooLarge ? 'uri_too_long' : 'invalid_input', tooLarge ? 'The request line or headers are too long (at most 16 KiB). Send a shorter URL.' : 'The HTTP request could not be parsed.');
      const body = JSON.stringify(e.toBody());
      if (socket.writable) {
        socket.end(`HTTP/1.1 ${e.httpStatus} ${tooLarge ? 'URI Too Long' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      } else socket.destroy(err);
    },
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
  // JSON only: any other body type is refused with unsupported_media_type. Our own JSON parser bounds
  // depth and refuses text PostgreSQL cannot store (input.ts).
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

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

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((err, req, reply) => {
    const e = toApiError(err);
    if (e.code === 'internal') req.log.error(err);
    if (e.code === 'db_unavailable') reply.header('retry-after', '1');
    return send(reply, e);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const e = new ApiError('not_found', `No route ${req.method} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}.`);
    return send(reply, e);
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
