/**
 * The phone's one way to reach the console: same-origin fetch with the session cookie and the CSRF header
 * on state-changing requests (as the officer console does, apps/console/web/src/api). Runs in the page and
 * in the service worker (which reads the CSRF cookie through the Cookie Store API where it has one).
 */
import { CSRF_COOKIE, CSRF_HEADER, changesState, cookieValue } from '../../../web/src/api/csrf';
import { ApiError, messageOf } from '../../../web/src/api/errors';

export { ApiError };

interface CookieStoreLike {
  get(name: string): Promise<{ value: string } | null>;
}

async function csrfToken(): Promise<string | null> {
  if (typeof document !== 'undefined') return cookieValue(document.cookie, CSRF_COOKIE);
  const store = (globalThis as { cookieStore?: CookieStoreLike }).cookieStore;
  if (!store) return null;
  const cookie = await store.get(CSRF_COOKIE).catch(() => null);
  return cookie ? decodeURIComponent(cookie.value) : null;
}

/** An answer, whatever its status; status 0 when none came (offline, connection dropped). */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  json?: unknown;
  bytes?: Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Never throws for an HTTP status; a request that got no answer resolves with status 0. */
export async function call<T = unknown>(method: string, url: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (changesState(method)) {
    const token = await csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let body: BodyInit | undefined;
  if (options.bytes) body = options.bytes;
  else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { status: 0, headers: new Headers(), body: null as T };
  }
  const type = res.headers.get('content-type') ?? '';
  let data: unknown;
  try {
    data = res.status === 204 || method === 'HEAD' ? null : type.includes('json') ? await res.json() : await res.text();
  } catch {
    // The body was cut off: as good as no answer.
    return { status: 0, headers: res.headers, body: null as T };
  }
  return { status: res.status, headers: res.headers, body: data as T };
}

/** Called on a 401 that means the session is gone (not on the sign-in itself). */
let onUnauthorised: (() => void) | null = null;
export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}
export function reportUnauthorised(): void {
  onUnauthorised?.();
}

/** For reads and the sign-in: the body, or an ApiError with the server's message. */
export async function request<T>(method: string, url: string, options: CallOptions = {}): Promise<T> {
  const answer = await call<T>(method, url, options);
  if (answer.status === 0) throw new ApiError(0, '无法连接服务器，请检查网络', null);
  if (answer.status < 200 || answer.status >= 300) {
    if (answer.status === 401 && !/^\/auth\/(login|me)\b/.test(url)) reportUnauthorised();
    throw new ApiError(answer.status, messageOf(answer.status, answer.body), answer.body);
  }
  return answer.body;
}

export const INSPECTION = '/api/inspection';
