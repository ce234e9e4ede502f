import { Injectable, type NestMiddleware } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isIn, maxLength } from 'class-validator';
import type { NextFunction, Request, Response } from 'express';
import { NOTICE_KINDS } from '#contracts';
import { requestIdOf } from '#platform';
import { isCalendarDate } from '../common/calendar-date.js';
import { decodeCursor } from '../common/cursor.js';
import { RateLimiter, rateLimitKey, setRateLimitHeaders, type RateLimit } from '../rate-limit.js';
import { NoticeApiController, searchAnswer } from './notice-api.controller.js';
import { NoticeQueryService } from './notice-query.service.js';
import { NoticeSearchDto } from './search-query.dto.js';

/** The query parameters of NoticeSearchDto: any other is a 400, which only the full path writes. */
const PARAMETERS = new Set(['q', 'kind', 'department', 'region', 'from', 'to', 'penaltyType', 'creditCode', 'sort', 'after', 'limit', 'count']);
const KINDS = NOTICE_KINDS as unknown as string[];
const LIMIT = /^(?:100|[1-9][0-9]?)$/;
const CREDIT_CODE = /^[0-9A-Z]{18}$/;

/**
 * The NoticeSearchDto that Nest's validation pipe would make of `query` (trimmed, empty as absent,
 * `limit` a number, the credit code in capitals), or undefined when it is not sure the pipe would
 * accept it: an unknown or repeated parameter, a value out of bounds, an unusual spelling of a number,
 * a cursor that does not decode, `from` after `to`. Those requests go the full way (and get its 400).
 * Uses class-validator's own checks, so both paths draw the same lines; notice-search.lean-path.spec.ts
 * compares the two on many queries.
 */
export function leanSearchQuery(query: unknown): NoticeSearchDto | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const dto = new NoticeSearchDto();
  for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
    if (!PARAMETERS.has(key) || typeof raw !== 'string') return undefined;
    const value = raw.trim();
    if (key === 'limit') {
      // The pipe turns '' and '  ' into 0 (a 400) and reads '2e1' or ' 20' as 20: only plain numbers here.
      if (!LIMIT.test(raw)) return undefined;
      dto.limit = Number(raw);
      continue;
    }
    if (value === '') continue; // an empty filter means no filter
    switch (key) {
      case 'q':
        if (!maxLength(value, 200)) return undefined;
        dto.q = value;
        break;
      case 'kind':
        if (!isIn(value, KINDS)) return undefined;
        dto.kind = value as NoticeSearchDto['kind'];
        break;
      case 'department':
      case 'region':
        if (!maxLength(value, 100)) return undefined;
        dto[key] = value;
        break;
      case 'from':
      case 'to':
        if (!isCalendarDate(value)) return undefined;
        dto[key] = value;
        break;
      case 'penaltyType':
        if (!maxLength(value, 50)) return undefined;
        dto.penaltyType = value;
        break;
      case 'creditCode': {
        const code = value.toUpperCase();
        if (!CREDIT_CODE.test(code)) return undefined;
        dto.creditCode = code;
        break;
      }
      case 'sort':
        if (!isIn(value, ['date', 'relevance'])) return undefined;
        dto.sort = value as NoticeSearchDto['sort'];
        break;
      case 'after':
        if (!maxLength(value, 400)) return undefined;
        try {
          decodeCursor(value);
        } catch {
          return undefined;
        }
        dto.after = value;
        break;
      case 'count':
        if (!isIn(value, ['true', 'false'])) return undefined;
        dto.count = value as NoticeSearchDto['count'];
        break;
    }
  }
  if (dto.from && dto.to && dto.from > dto.to) return undefined;
  return dto;
}

/**
 * The lean path of the hottest public route, `GET /api/v1/notices` (docs/portal.md "Performance"):
 * a middleware in front of the Nest route that answers a well-formed search itself, with the same
 * service, the same body (searchAnswer), the same headers (security headers, X-RateLimit-*,
 * X-Request-Id, ETag through Express's res.json) and the same rate-limit counter, but without
 * the guards, interceptor, validation pipe and router of the full path, which cost more CPU than
 * the query. Nothing is decided here that the full path would decide differently: whatever it is
 * not sure of (see leanSearchQuery), a client at its limit (the guard writes the 429) and any error
 * are handed to the full route, which answers as it always has. Request logging (pino-http) runs
 * before it, as for every route.
 */
@Injectable()
export class NoticeSearchLeanPath implements NestMiddleware {
  private readonly endpoint = `${NoticeApiController.name}.${NoticeApiController.prototype.search.name}`;
  private readonly rule: RateLimit | null;
  /** Searches answered here rather than handed over (tests check that the lean path is taken). */
  answered = 0;

  constructor(
    private readonly notices: NoticeQueryService,
    private readonly limiter: RateLimiter,
    reflector: Reflector,
  ) {
    this.rule = limiter.limitOf(reflector, NoticeApiController.prototype.search, NoticeApiController);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    // Express routes HEAD to GET handlers: HEAD stays with the full route.
    if (req.method !== 'GET') return next();
    const query = leanSearchQuery(req.query);
    if (!query) return next();
    const rule = this.rule;
    const key = rule ? rateLimitKey(req, this.endpoint) : '';
    if (rule && !this.limiter.allows(key, rule)) return next();
    const state = rule ? this.limiter.take(key, rule) : undefined;
    this.notices.search(query).then(
      (page) => {
        if (rule && state) setRateLimitHeaders(res, rule.limit, state);
        res.setHeader('X-Request-Id', requestIdOf(req.headers));
        res.status(200).json(searchAnswer(page, query));
        this.answered++;
      },
      () => {
        // The full route runs the search again and answers the error as it always does.
        if (rule) this.limiter.refund(key);
        next();
      },
    );
  }
}
