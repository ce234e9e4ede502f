/** The app's screens and their paths under /m/ (pure). */

export type RouteName = 'worklist' | 'visit' | 'badge' | 'outbox' | 'record' | 'me' | 'login' | 'notFound';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
  path: string;
}

export const BASE = '/m';
const PATTERNS: [RouteName, RegExp][] = [
  ['worklist', /^\/?$/],
  ['visit', /^\/visit\/([^/]+)$/],
  ['badge', /^\/badge\/([^/]+)$/],
  ['record', /^\/record\/([^/]+)$/],
  ['outbox', /^\/outbox$/],
  ['me', /^\/me$/],
  ['login', /^\/login$/],
];

/** The route of a path under /m (pure). */
export function match(pathname: string): Route {
  const inner = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  for (const [name, re] of PATTERNS) {
    const m = re.exec(inner.replace(/\/+$/, '') || '/');
    if (m) return { name, params: m[1] ? { id: decodeURIComponent(m[1]) } : {}, path: inner || '/' };
  }
  return { name: 'notFound', params: {}, path: inner };
}

