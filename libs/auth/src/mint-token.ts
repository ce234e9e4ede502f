import { SignJWT } from 'jose';
import type { Role } from './principal.js';

export interface MintOptions {
  secret: string;
  issuer: string;
  audience: string;
  sub: string;
  roles: Role[];
  department?: string;
  name?: string;
  expiresIn?: string;
}

/** Signs a local HS256 token: for the `npm run token` CLI and for tests. Never used with an OIDC provider. */
export async function mintLocalToken(o: MintOptions): Promise<string> {
  return new SignJWT({ roles: o.roles, ...(o.department ? { department: o.department } : {}), ...(o.name ? { name: o.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(o.sub)
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(o.secret));
}
