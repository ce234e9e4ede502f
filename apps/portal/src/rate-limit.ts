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

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();
  private lastSweep = performance.now();

  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMIT_OPTIONS) private readonly defaults: RateLimit,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const override = this.reflector.getAllAndOverride<RateLimit | null | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (override === null) return true;
    const { limit, ttlMs } = override ?? this.defaults;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const now = performance.now();
    this.sweep(now);
    const key = `${req.ip ?? req.socket.remoteAddress ?? '?'}|${context.getClass().name}.${context.getHandler().name}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= ttlMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.start + ttlMs - now) / 1000));
    res.setHeader('X-RateLimit-Limit', limit);
    res.setHeader('X-RateLimit-Remaining', Math.max(0, limit - w.count));
    res.setHeader('X-RateLimit-Reset', resetSeconds);
    if (w.count <= limit) return true;
    res.setHeader('Retry-After', resetSeconds);
    throw new HttpException(
      {
        statusCode: 429,
        error: 'too_many_requests',
        message: `too many requests: at most ${limit} per ${Math.round(ttlMs / 1000)} s per client for this endpoint; retry after ${resetSeconds} s (bulk data: use the CSV export)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  /** Forgets finished windows now and then, so memory follows the number of active clients. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const horizon = Math.max(this.defaults.ttlMs, CSV_RATE_LIMIT.ttlMs);
    for (const [key, w] of this.windows) if (now - w.start >= horizon) this.windows.delete(key);
  }
}
