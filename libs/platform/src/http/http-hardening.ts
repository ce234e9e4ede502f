import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Headers every response of every app carries (JSON, CSV, Atom, HTML, /docs, errors, 404s, downloads).
 * A route may replace one with a stricter or more specific value (the portal's pages set their own
 * Content-Security-Policy and `Referrer-Policy: same-origin`).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Express middleware that sets SECURITY_HEADERS before anything else answers. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}

export interface BodyLimits {
  /** Largest JSON or form body, in bytes (413 beyond it). */
  maxBytes: number;
  /** Deepest nesting of arrays and objects in a JSON body (400 beyond it). */
  maxDepth: number;
}

/** Thrown from the JSON parser's verify hook; body-parser and Nest turn it into this status and message. */
class BodyRefused extends Error {
  readonly expose = true;
  readonly statusCode: number;
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.statusCode = status;
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text nests arrays and objects more than `maxDepth` levels deep. A linear scan of
 * the raw bytes (brackets inside strings do not count), run before JSON.parse, so no recursive code
 * (class-transformer, class-validator) ever sees a body deep enough to overflow the stack. Works on
 * UTF-8 bytes: the bracket and quote bytes never occur inside a multi-byte sequence.
 */
export function jsonNestingExceeds(text: Uint8Array | string, maxDepth: number): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/**
 * The one place where every app's HTTP input is bounded and its output headers are set: no
 * `X-Powered-By`, SECURITY_HEADERS on every response, and JSON and form bodies parsed only within
 * `limits` (size checked while reading, depth checked before parsing). The app must be created with
 * `bodyParser: false`, so Nest's unbounded default parsers are not registered.
 */
export function hardenHttp(app: INestApplication, limits: BodyLimits, beforeBodyParsers?: () => void): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(securityHeaders);
  beforeBodyParsers?.();
  // Nest's option types leave out `verify` (it uses it for rawBody, which no app turns on): body-parser takes it.
  const json = {
    limit: limits.maxBytes,
    verify: (_req: unknown, _res: unknown, body: Buffer, encoding: string | null) => {
      let text: Uint8Array | string = body;
      if (encoding && !/^utf-?8$/i.test(encoding)) {
        try {
          text = new TextDecoder(encoding).decode(body);
        } catch {
          throw new BodyRefused(415, 'charset.unsupported', `unsupported charset "${encoding}": send JSON as UTF-8`);
        }
      }
      if (jsonNestingExceeds(text, limits.maxDepth)) {
        throw new BodyRefused(400, 'entity.too.deep', `the JSON body nests arrays or objects more than ${limits.maxDepth} levels deep`);
      }
    },
  };
  express.useBodyParser('json', json as NestExpressBodyParserOptionsFor<'json'>);
  const form = { extended: true, limit: limits.maxBytes, depth: Math.min(limits.maxDepth, 32) };
  express.useBodyParser('urlencoded', form as NestExpressBodyParserOptionsFor<'urlencoded'>);
}
