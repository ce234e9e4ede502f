import { randomUUID } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Principal } from '#auth';
import { runInAuditScope, type AuditScope } from '#persistence';

/**
 * A caller's own request id is kept when it is a plain token (a proxy's or the console's). No colon:
 * consumed events and jobs are recorded as `event:<id>` and `job:<id>`, which a caller cannot pose as.
 */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id of an HTTP request: the caller's X-Request-Id when it is a plain token, else a new
 * one. Exported for a route that answers without the interceptor (the portal's lean search path),
 * so its answers carry the same header.
 */
export function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

interface HttpRequest {
  method: string;
  path: string;
  route?: { path?: string };
  params?: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  user?: Principal;
}

/**
 * Sets the audit scope of an HTTP request (who: the verified token; what: the route and its
 * parameters; the request id, echoed as X-Request-Id) around the handler, so every transaction the
 * handler commits is recorded under it. Runs after the guards, which verified the token.
 */
@Injectable()
export class AuditScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    const requestId = requestIdOf(req.headers);
    res.setHeader('X-Request-Id', requestId);
    const scope: AuditScope = {
      subject: req.user?.sub ?? 'anonymous',
      roles: [...(req.user?.roles ?? [])],
      department: req.user?.department ?? null,
      action: `${req.method} ${req.route?.path ?? req.path}`,
      entityIds: Object.values(req.params ?? {}).filter((v) => typeof v === 'string' && v.length > 0 && v.length <= 200),
      requestId,
    };
    // next.handle() binds the handler to the async context it is called in: this scope.
    return runInAuditScope(scope, () => next.handle());
  }
}
