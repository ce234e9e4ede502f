import { HttpException, HttpStatus, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * Per-client rate limiting of the public routes: a fixed window per client IP and endpoint, in
 * memory (each replica counts its own clients; behind a load balancer with N replicas a client
 * gets up to N times the limit, which is fine for its purpose: keeping one scraper from starving
 * everyone). Over the limit: 429 with Retry-After (seconds) and a message that says what to do.
 *
 * Written here rather than with @nestjs/throttler: its CommonJS build `require`s the ESM-only
 * @nestjs/common 12, which Node 20 tolerates but Jest's module runtime does not.
 */
export interface RateLimit {
  limit: number;
  ttlMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 300, ttlMs: 60_000 };

/** CSV exports are the heaviest request: fewer per minute. */
export const CSV_RATE_LIMIT: RateLimit = { limit: 20, ttlMs: 60_000 };

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');
const RATE_LIMIT = 'portal:rate-limit';

/** Overrides the default limit of a route (or opts it out with `null`). */
export const RateLimited = (limit: RateLimit | null): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT, limit);

interface Window {
  start: number;
  count: number;
}

/** What a client's window says after a request was counted. */
export interface RateState {
  allowed: boolean;
  remaining: number;
  resetSeconds: number;
}

/**
 * The counters: one fixed window per key (client IP and endpoint). Shared by the guard and the
 * lean search path (notices/notice-search.lean-path.ts), so a client is counted once per request
 * whichever of the two answers it.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = performance.now();

  constructor(@Inject(RATE_LIMIT_OPTIONS) private readonly defaults: RateLimit) {}

  /** The limit of a route: its @RateLimited override, else the default; null when it is not limited. */
  limitOf(reflector: Reflector, handler: object, controller: object): RateLimit | null {
    const override = reflector.getAllAndOverride<RateLimit | null | undefined>(RATE_LIMIT, [handler as () => void, controller as () => void]);
    return override === null ? null : (override ?? this.defaults);
  }

  /** Whether one more request of `key` would be within `limit` (nothing is counted). */
  allows(key: string, { limit, ttlMs }: RateLimit): boolean {
    const w = this.windows.get(key);
    return !w || performance.now() - w.start >= ttlMs || w.count < limit;
  }

  /** Counts one request of `key`. (The time left is ttl minus the time elapsed: `start + ttl - now` rounds 60 s up to 61.) */
  take(key: string, { limit, ttlMs }: RateLimit): RateState {
    const now = performance.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= ttlMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return { allowed: w.count <= limit, remaining: Math.max(0, limit - w.count), resetSeconds: Math.max(1, Math.ceil((ttlMs - (now - w.start)) / 1000)) };
  }

  /** Takes back a request counted by `take` (the lean path handing a request over to the full one). */
  refund(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count--;
  }

  /** Forgets finished windows now and then, so memory follows the number of active clients. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const horizon = Math.max(this.defaults.ttlMs, CSV_RATE_LIMIT.ttlMs);
    for (const [key, w] of this.windows) if (now - w.start >= horizon) this.windows.delete(key);
  }
}

/** The counter of one client (its address, as Express sees it with the trust-proxy setting) on one endpoint. */
export function rateLimitKey(req: Request, endpoint: string): string {
  return `${req.ip ?? req.socket.remoteAddress ?? '?'}|${endpoint}`;
}

/** The headers every rate-limited answer carries. */
export function setRateLimitHeaders(res: Response, limit: number, state: RateState): void {
  res.setHeader('X-RateLimit-Limit', limit);
  res.setHeader('X-RateLimit-Remaining', state.remaining);
  res.setHeader('X-RateLimit-Reset', state.resetSeconds);
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const rule = this.limiter.limitOf(this.reflector, context.getHandler(), context.getClass());
    if (rule === null) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const state = this.limiter.take(rateLimitKey(req, `${context.getClass().name}.${context.getHandler().name}`), rule);
    setRateLimitHeaders(res, rule.limit, state);
    if (state.allowed) return true;
    res.setHeader('Retry-After', state.resetSeconds);
    throw new HttpException(
      {
        statusCode: 429,
        error: 'too_many_requests',
        message: `too many requests: at most ${rule.limit} per ${Math.round(rule.ttlMs / 1000)} s per client for this endpoint; retry after ${state.resetSeconds} s (bulk data: use the CSV export)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
