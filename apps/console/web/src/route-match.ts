/** Path matching of the console's small history-mode router (pure, unit-tested). */
export interface Matched<T> {
  route: T;
  params: Record<string, string>;
}

/** The first route whose pattern (`/notices/:id`) matches the path, with its decoded params. */
export function matchRoute<T extends { path: string }>(routes: readonly T[], pathname: string): Matched<T> | null {
  const parts = split(pathname);
  for (const route of routes) {
    const pattern = split(route.path);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i];
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
          break;
        }
      } else if (p !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** A same-origin path to return to after sign-in; anything else (another origin, //host) is refused. */
export function safeReturnTo(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.startsWith('/login')) return fallback;
  return value;
}
