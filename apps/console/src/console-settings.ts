import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Role } from '#auth';
import type { ConsoleEnv } from './console-env.js';
import { parseRoleMap, type ClaimMapping } from './domain/claim-mapping.js';

/** The console's settings as its providers use them (from ConsoleEnv; tests may override). */
export interface ConsoleSettings {
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  idleMs: number;
  absoluteMs: number;
  publicUrl?: string;
  /** The portal's public origin, shown in links; absent: the pages show paths only. */
  portalPublicUrl?: string;
  services: Record<'planning' | 'inspection' | 'publication' | 'portal', string>;
  forwardMaxBytes: number;
  /** Silence of a service (no bytes either way) after which the forwarding is given up: 504, or the answer cut off. */
  forwardTimeoutMs: number;
  /** From the end of the request body to the answer's headers. */
  forwardHeadersTimeoutMs: number;
  /** Sign-in attempts per client address and minute (POST /auth/login). */
  loginRateLimit: number;
  webDir: string;
  /** The inspector's phone app (掌上执法), served at /m/. */
  inspectorWebDir: string;
  dataDir: string;
  localLogin: boolean;
  demoAccounts: boolean;
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    scopes: string;
    label: string;
    allowHttp: boolean;
    mapping: ClaimMapping;
  };
}

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');

/** The installation's folder: the nearest one up from here with a package.json (works from the sources and from dist/). */
function installationRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function consoleSettings(env: ConsoleEnv): ConsoleSettings {
  const oidc = env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.OIDC_REDIRECT_URI;
  return {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    tokenTtlSeconds: env.CONSOLE_TOKEN_TTL_SECONDS,
    idleMs: env.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.CONSOLE_SESSION_ABSOLUTE_MINUTES * 60_000,
    ...(env.CONSOLE_PUBLIC_URL ? { publicUrl: new URL(env.CONSOLE_PUBLIC_URL).origin } : {}),
    ...(env.PORTAL_PUBLIC_URL ? { portalPublicUrl: new URL(env.PORTAL_PUBLIC_URL).origin } : {}),
    services: { planning: env.PLANNING_URL, inspection: env.INSPECTION_URL, publication: env.PUBLICATION_URL, portal: env.PORTAL_URL },
    forwardMaxBytes: env.CONSOLE_FORWARD_MAX_BYTES,
    forwardTimeoutMs: env.CONSOLE_FORWARD_TIMEOUT_MS,
    forwardHeadersTimeoutMs: env.CONSOLE_FORWARD_HEADERS_TIMEOUT_MS,
    loginRateLimit: env.CONSOLE_LOGIN_RATE_LIMIT,
    webDir: path.resolve(env.CONSOLE_WEB_DIR ?? path.join(installationRoot(), 'dist', 'console-web')),
    inspectorWebDir: path.resolve(env.CONSOLE_INSPECTOR_WEB_DIR ?? path.join(installationRoot(), 'dist', 'inspector-web')),
    dataDir: path.resolve(env.DATA_DIR),
    localLogin: env.CONSOLE_LOCAL_LOGIN === 'on',
    demoAccounts: env.CONSOLE_DEMO_ACCOUNTS === 'on',
    ...(oidc
      ? {
          oidc: {
            issuer: env.OIDC_ISSUER!,
            clientId: env.OIDC_CLIENT_ID!,
            clientSecret: env.OIDC_CLIENT_SECRET!,
            redirectUri: env.OIDC_REDIRECT_URI!,
            scopes: env.OIDC_SCOPES,
            label: env.OIDC_LABEL,
            allowHttp: env.OIDC_ALLOW_HTTP === 'on',
            mapping: { rolesClaim: env.OIDC_ROLES_CLAIM, departmentClaim: env.OIDC_DEPARTMENT_CLAIM, roleMap: parseRoleMap(env.OIDC_ROLE_MAP) as Record<string, Role | Role[]> | undefined },
          },
        }
      : {}),
  };
}
