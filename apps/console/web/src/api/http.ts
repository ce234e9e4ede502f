/**
 * The one way the pages talk to the console server: same-origin fetch with the session cookie, the
 * CSRF header on state-changing requests, JSON in and out, and errors as ApiError with the server's
 * message (shown by the caller or by the global handler, never swallowed).
 */
import { csrfHeaders } from './csrf';
import { ApiError, messageOf } from './errors';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Called on a 401 that means the session is gone: the app sends the user to the sign-in page. */
let onUnauthorised: (() => void) | null = null;
export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}

/** A URL with its query string; empty and undefined values are left out. */
export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...csrfHeaders(method, document.cookie), ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(url, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, '无法连接服务器，请检查网络后重试', null);
  }
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text().catch(() => null);
  if (!res.ok) {
    // 401 means the session ended (idle, absolute timeout, revoked), except where it answers the user's input.
    if (res.status === 401 && !/^\/auth\/(login|me|password)\b/.test(url)) onUnauthorised?.();
    throw new ApiError(res.status, messageOf(res.status, data), data);
  }
  return data as T;
}

export const get = <T>(url: string, query?: Query, signal?: AbortSignal) => request<T>('GET', url, { query, signal });
export const post = <T>(url: string, body?: unknown, query?: Query) => request<T>('POST', url, { body: body ?? {}, query });
export const patch = <T>(url: string, body: unknown) => request<T>('PATCH', url, { body });
export const put = <T>(url: string, body: unknown) => request<T>('PUT', url, { body });
export const del = <T>(url: string) => request<T>('DELETE', url);

/** A page of a list as the services answer. */
export interface Page<T> {
  total: number;
  items: T[];
  limit?: number;
  offset?: number;
}
