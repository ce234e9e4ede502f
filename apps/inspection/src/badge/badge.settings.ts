import type { LoadedBadgeKey } from '#auth';

/** How inspection issues 亮证 tokens (InspectionEnv: BADGE_SIGNING_KEY, PORTAL_PUBLIC_URL, BADGE_TTL_SECONDS). */
export interface BadgeSettings {
  signingKey: LoadedBadgeKey;
  /** The portal's public origin: the verification URL is `<origin>/badge?t=<token>`. */
  portalOrigin: string;
  ttlSeconds: number;
}

export const BADGE_SETTINGS = Symbol('BADGE_SETTINGS');

/** For development: the portal's default address (`npm start` passes the real one). */
export const DEFAULT_PORTAL_ORIGIN = 'http://localhost:3000';
export const DEFAULT_BADGE_TTL_SECONDS = 900;

/**
 * An http(s) origin without path, query or credentials (the portal serves /badge at its root), as the
 * portal reads its own PORTAL_PUBLIC_URL. Throws on anything else.
 */
export function portalOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PORTAL_PUBLIC_URL is not a URL: ${JSON.stringify(value)}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash || url.pathname !== '/' || !url.hostname) {
    throw new Error(`PORTAL_PUBLIC_URL must be the portal's public http(s) origin, e.g. https://gongshi.example.gov.cn: ${JSON.stringify(value)}`);
  }
  return url.origin;
}
