import http from 'node:http';
import https from 'node:https';
import { HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SECURITY_HEADERS } from '#platform';
import { authenticate, MUST_CHANGE_PASSWORD, type ConsoleRequest } from '../auth/session.guard.js';
import type { ConsoleSettings } from '../console-settings.js';
import type { SessionService } from '../sessions/session.service.js';
import type { TokenIssuer } from '../tokens/token-issuer.js';
import { unsafeForwardPath } from '../domain/forward-path.js';

type Service = keyof ConsoleSettings['services'];
const PREFIX = /^\/api\/(planning|inspection|publication|portal)(\/[^?#]*)?$/;
/** The portal serves only the public's open data: the console reads it (GET) and never sends it a staff token. */
const PORTAL_OPEN_DATA = /^\/api\/v1\//;

/** Request headers passed on to a service; nothing else of the browser's (cookies least of all). */
// Not transfer-encoding: Node frames the forwarded body itself (chunked when no content-length), and a
// browser's own framing header passed on could disagree with it (request smuggling).
const REQUEST_HEADERS = ['content-type', 'content-length', 'accept', 'accept-language', 'idempotency-key', 'x-request-id', 'if-none-match', 'if-match', 'upload-offset'];
/** Answer headers passed back; the body streams unchanged. */
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'content-security-policy', 'cache-control', 'etag', 'last-modified', 'location', 'retry-after', 'x-request-id', 'x-total-count', 'upload-offset', 'upload-length', 'idempotent-replayed'];

const NAMES: Record<Service, string> = { planning: '计划 (planning)', inspection: '检查 (inspection)', publication: '公示 (publication)', portal: '门户 (portal)' };

function answer(res: Response, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json({ statusCode: status, ...body });
}

/**
 * Answers and closes the connection: the rest of the request body is not read, so the socket
 * cannot carry another request (Node would otherwise read the unread body as the next one).
 */
function answerAndClose(req: Request, res: Response, status: number, body: Record<string, unknown>): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  // Taken now: req.socket is null once the request is destroyed, and a listener throwing on it would end the process.
  const socket = req.socket as Request['socket'] | null;
  res.on('finish', () => socket?.destroy());
  answer(res, status, body);
}

/**
 * The backend-for-frontend (docs/console.md): /api/<service>/<path> is forwarded to the service with
 * the method, query, the headers it needs and the body streamed (JSON and multipart alike, never
 * buffered), plus a bearer token minted for the session's user. The answer streams back unchanged.
 * Mounted before the body parsers, so no body is read here. No session: 401; wrong CSRF: 403; a
 * service down: 502; no answer in time: 504; a service silent in the middle of its answer: the
 * answer is cut off; never a hang.
 */
export function forwarder(sessions: SessionService, issuer: TokenIssuer, settings: ConsoleSettings) {
  const logger = new Logger('Forwarder');
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!req.path.startsWith('/api/') && req.path !== '/api') return next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const match = PREFIX.exec(req.path);
    if (!match) return answer(res, 404, { message: 'not found: the console forwards /api/planning/…, /api/inspection/…, /api/publication/… and GET /api/portal/api/v1/…' });
    const service = match[1] as Service;
    if (unsafeForwardPath(match[2] ?? '/')) return answer(res, 404, { message: 'not found: a forwarded path may not hold . or .. segments or encoded slashes, dots or backslashes' });
    if (service === 'portal') {
      if (!PORTAL_OPEN_DATA.test(match[2] ?? '/')) return answer(res, 404, { message: 'not found: of the portal, the console forwards only its open data, /api/portal/api/v1/…' });
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return answerAndClose(req, res, 405, { message: 'the portal\'s open data is read-only (GET)' });
      }
    }
    let token: string;
    try {
      const active = await authenticate(req as ConsoleRequest, sessions, settings);
      if (active.account.mustChangePassword) return answer(res, 403, { message: MUST_CHANGE_PASSWORD });
      token = await issuer.tokenForSession(active.session.id, active.account);
    } catch (error) {
      if (error instanceof HttpException) return answer(res, error.getStatus(), { message: error.message });
      logger.error(error);
      return answer(res, 500, { message: 'internal error' });
    }

    const declared = Number(req.get('content-length') ?? 0);
    if (declared > settings.forwardMaxBytes) return answerAndClose(req, res, 413, { message: `request body too large (at most ${settings.forwardMaxBytes} bytes)` });

    const target = new URL(settings.services[service]);
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const basePath = target.pathname.replace(/\/$/, '');
    // The portal is public: a staff token has no business there.
    const headers: http.OutgoingHttpHeaders = service === 'portal' ? {} : { authorization: `Bearer ${token}` };
    for (const h of REQUEST_HEADERS) {
      const v = req.headers[h];
      if (v !== undefined) headers[h] = v;
    }
    const client = target.protocol === 'https:' ? https : http;
    const upstream = client.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${basePath}${match[2] ?? '/'}${query}`,
      headers,
      timeout: settings.forwardTimeoutMs,
    });

    let done = false;
    let headersTimer: NodeJS.Timeout | undefined;
    const fail = (status: number, message: string, close = false) => {
      if (done) return;
      done = true;
      clearTimeout(headersTimer);
      upstream.destroy();
      if (close) answerAndClose(req, res, status, { message });
      else answer(res, status, { message });
    };
    // `timeout` is the socket's silence (either way) and only emits: it must end both sides itself.
    // Before the answer started: 504. After: the answer is cut off (the browser sees an incomplete body, never a hang).
    upstream.on('timeout', () => {
      if (!done) return fail(504, `${NAMES[service]} 服务未在规定时间内响应`);
      logger.warn({ msg: 'service went silent in the middle of its answer; cut off', service });
      upstream.destroy();
      res.destroy();
    });
    // The headers have their own deadline, from the end of the request body: a service that reads
    // slowly or trickles keep-alive bytes still has to answer in time.
    upstream.on('finish', () => {
      if (done) return;
      headersTimer = setTimeout(() => fail(504, `${NAMES[service]} 服务未在规定时间内响应`), settings.forwardHeadersTimeoutMs);
      headersTimer.unref();
    });
    upstream.on('error', (error) => {
      logger.warn({ msg: 'forwarding failed', service, error: error.message });
      if (done) {
        res.destroy();
        return;
      }
      fail(502, `${NAMES[service]} 服务暂时无法访问，请稍后再试`);
    });
    upstream.on('response', (up) => {
      if (done) return up.resume();
      done = true;
      clearTimeout(headersTimer);
      res.status(up.statusCode ?? 502);
      for (const h of RESPONSE_HEADERS) {
        const v = up.headers[h];
        if (v !== undefined) res.setHeader(h, v);
      }
      up.pipe(res);
      up.on('error', () => res.destroy());
      // The service closed before its answer was complete: the browser must see a cut-off answer, not wait.
      up.on('aborted', () => res.destroy());
    });
    // The browser went away: stop the service's work on its behalf.
    res.on('close', () => {
      clearTimeout(headersTimer);
      if (!res.writableFinished) upstream.destroy();
    });

    let sent = 0;
    req.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > settings.forwardMaxBytes) {
        req.unpipe(upstream);
        fail(413, `request body too large (at most ${settings.forwardMaxBytes} bytes)`, true);
        req.resume();
      }
    });
    req.pipe(upstream);
  };
}
