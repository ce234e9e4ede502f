export interface AuthOptions {
  /** An OIDC provider's JWKS endpoint (production). */
  jwksUrl?: string;
  /** A shared HS256 secret (embedded mode and tests); used when no JWKS URL is set. */
  localSecret?: string;
  issuer: string;
  audience: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
