import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { AppEnv, ConfigError } from '#platform';
import { parseRoleMap } from './domain/claim-mapping.js';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The console's own settings, on top of every app's (docs/console.md lists them). */
export class ConsoleEnv extends AppEnv {
  /** The token signing key, an EC P-256 private key as PKCS8 PEM. Required in production; else kept in DATA_DIR. */
  @IsOptional() @IsString()
  CONSOLE_SIGNING_KEY?: string;

  /** Where the staff reach the console (https://… in production): the Origin the state-changing requests must come from. */
  @IsOptional() @IsUrl(URL_OPTIONS)
  CONSOLE_PUBLIC_URL?: string;

  /** The portal's public address, for the links to it that the pages show (a draw's public page). */
  @IsOptional() @IsUrl(URL_OPTIONS)
  PORTAL_PUBLIC_URL?: string;

  /** Express's `trust proxy` (e.g. `loopback`, `1`, an address): only then X-Forwarded-Proto tells whether the browser came over https. */
  @IsOptional() @IsString()
  CONSOLE_TRUST_PROXY?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60)
  CONSOLE_SESSION_IDLE_MINUTES = 30;

  @IsOptional() @Type(() => Number) @IsInt() @Min(5) @Max(7 * 24 * 60)
  CONSOLE_SESSION_ABSOLUTE_MINUTES = 720;

  /** Lifetime of the tokens minted per forwarded request (at most 5 minutes). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(30) @Max(300)
  CONSOLE_TOKEN_TTL_SECONDS = 300;

  @IsOptional() @IsUrl(URL_OPTIONS)
  PLANNING_URL = 'http://127.0.0.1:3001';

  @IsOptional() @IsUrl(URL_OPTIONS)
  INSPECTION_URL = 'http://127.0.0.1:3002';

  @IsOptional() @IsUrl(URL_OPTIONS)
  PUBLICATION_URL = 'http://127.0.0.1:3003';

  /** The public portal; the console reads only its open data (GET /api/portal/api/v1/…: statistics for the dashboard). */
  @IsOptional() @IsUrl(URL_OPTIONS)
  PORTAL_URL = 'http://127.0.0.1:3000';

  /** Largest request body forwarded to a service (the services have their own, smaller, limits per route). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  CONSOLE_FORWARD_MAX_BYTES = 60 * 1024 * 1024;

  /** A service silent this long (no bytes either way) is given up: 504 before its answer started, else the answer is cut off. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  CONSOLE_FORWARD_TIMEOUT_MS = 120_000;

  /** A service that has not sent its answer's headers within this after the request body ended is given up: 504. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  CONSOLE_FORWARD_HEADERS_TIMEOUT_MS = 120_000;

  /** Sign-in attempts (POST /auth/login) per client address and minute; more: 429 with Retry-After. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  CONSOLE_LOGIN_RATE_LIMIT = 10;

  /** Folder of the built console pages (default: dist/console-web of the installation). */
  @IsOptional() @IsString()
  CONSOLE_WEB_DIR?: string;

  /** Folder of the built inspector's phone app, served at /m/ (default: dist/inspector-web of the installation). */
  @IsOptional() @IsString()
  CONSOLE_INSPECTOR_WEB_DIR?: string;

  /** Sign-in with user name and password (off: OIDC only). */
  @IsOptional() @IsIn(['on', 'off'])
  CONSOLE_LOCAL_LOGIN: 'on' | 'off' = 'on';

  /** Creates the demo accounts (one per role) at start and writes DATA_DIR/demo-accounts.json; `npm start` sets it with the demo. */
  @IsOptional() @IsIn(['on', 'off'])
  CONSOLE_DEMO_ACCOUNTS: 'on' | 'off' = 'off';

  /** OpenID Connect sign-in (all four of issuer, client id, secret and redirect URI, or none). */
  @IsOptional() @IsUrl(URL_OPTIONS)
  OIDC_ISSUER?: string;

  @IsOptional() @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional() @IsString()
  OIDC_CLIENT_SECRET?: string;

  @IsOptional() @IsUrl(URL_OPTIONS)
  OIDC_REDIRECT_URI?: string;

  @IsOptional() @IsString()
  OIDC_ROLES_CLAIM = 'roles';

  @IsOptional() @IsString()
  OIDC_DEPARTMENT_CLAIM = 'department';

  /** JSON: provider role → our role(s), e.g. {"zf_officer":"officer","zf_admin":["admin"]}. */
  @IsOptional() @IsString()
  OIDC_ROLE_MAP?: string;

  @IsOptional() @IsString()
  OIDC_SCOPES = 'openid profile';

  /** The label of the sign-in button. */
  @IsOptional() @IsString()
  OIDC_LABEL = '统一身份认证登录';

  /** Allows an http:// issuer (a provider on this machine, tests); refused in production. */
  @IsOptional() @IsIn(['on', 'off'])
  OIDC_ALLOW_HTTP: 'on' | 'off' = 'off';
}

/** Checks across settings that class-validator cannot express; a problem stops the start with its name. */
export function checkConsoleEnv(env: ConsoleEnv): void {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && !env.CONSOLE_SIGNING_KEY) problems.push('  - CONSOLE_SIGNING_KEY: required when NODE_ENV=production (an EC P-256 private key, PKCS8 PEM)');
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, env.OIDC_REDIRECT_URI];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) problems.push('  - OIDC_*: set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI, or none');
  if (production && env.OIDC_ALLOW_HTTP === 'on') problems.push('  - OIDC_ALLOW_HTTP: not allowed when NODE_ENV=production');
  if (production && env.CONSOLE_DEMO_ACCOUNTS === 'on') problems.push('  - CONSOLE_DEMO_ACCOUNTS: not allowed when NODE_ENV=production (the demo accounts\' passwords are kept in a file)');
  if (env.CONSOLE_LOCAL_LOGIN === 'off' && !env.OIDC_ISSUER) problems.push('  - CONSOLE_LOCAL_LOGIN: off needs OIDC_* (else nobody can sign in)');
  try {
    parseRoleMap(env.OIDC_ROLE_MAP);
  } catch (error) {
    problems.push(`  - OIDC_ROLE_MAP: ${(error as Error).message}`);
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
}
