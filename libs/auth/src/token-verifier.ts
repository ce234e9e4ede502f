import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options.js';
import { ROLES, type Principal, type Role } from './principal.js';

/** Verifies bearer JWTs with jose, against the JWKS of an OIDC provider or the local secret. */
@Injectable()
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    if (options.jwksUrl) this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    else if (options.localSecret) this.key = new TextEncoder().encode(options.localSecret);
    else throw new Error('auth needs AUTH_JWKS_URL or AUTH_LOCAL_SECRET');
  }

  /** Returns the principal, or throws when the token is invalid, expired, or for someone else. */
  async verify(token: string): Promise<Principal> {
    const verifyOptions = { issuer: this.options.issuer, audience: this.options.audience };
    const { payload } =
      this.key instanceof Uint8Array
        ? await jwtVerify(token, this.key, { ...verifyOptions, algorithms: ['HS256'] })
        : await jwtVerify(token, this.key, verifyOptions);
    return toPrincipal(payload);
  }
}

function toPrincipal(payload: JWTPayload): Principal {
  if (!payload.sub) throw new Error('token has no subject');
  const raw = payload.roles;
  const roles = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((r): r is Role =>
    (ROLES as readonly string[]).includes(r as string),
  );
  return {
    sub: payload.sub,
    roles,
    department: typeof payload.department === 'string' ? payload.department : undefined,
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
