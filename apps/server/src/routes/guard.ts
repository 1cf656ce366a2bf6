import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/session.ts';
import type { AppContext, Principal, Role } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** onRequest hook: authenticates before the body is even read, so anonymous input never reaches a handler. */
export function needAuth(ctx: AppContext, role: Role | 'any') {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    req.principal = await authenticate(ctx, req, role);
  };
}

export function who(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route is missing its needAuth hook');
  return req.principal;
}
