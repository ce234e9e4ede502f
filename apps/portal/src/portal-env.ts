import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { badgeKeyProblem } from '#auth';
import { AppEnv } from '#platform';
import { publicOrigin } from './common/public-url.js';

/** An http(s) origin as `publicOrigin` accepts it (the same rule the module applies). */
function IsPublicOrigin(): PropertyDecorator {
  return ValidateBy({
    name: 'isPublicOrigin',
    validator: {
      validate(value: unknown): boolean {
        if (typeof value !== 'string') return false;
        try {
          publicOrigin(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        'PORTAL_PUBLIC_URL must be the public http(s) origin of the portal, e.g. https://gongshi.example.gov.cn ' +
        '(no path, query or credentials); it is required when NODE_ENV=production',
    },
  });
}

/** An Ed25519 public key as the badge verification accepts it (SPKI PEM or JWK). */
function IsBadgeVerifyKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isBadgeVerifyKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && badgeKeyProblem(value, 'verify') === undefined,
      defaultMessage: (args) =>
        `${typeof args?.value === 'string' && args.value.trim() ? badgeKeyProblem(args.value, 'verify') : 'BADGE_VERIFY_KEY is missing'}; ` +
        'it is required when NODE_ENV=production (the public half of inspection’s BADGE_SIGNING_KEY)',
    },
  });
}

/** The portal's settings on top of every app's (validated at start like the rest). */
export class PortalEnv extends AppEnv {
  /**
   * The portal answers the public at high rates: one successful read in 100 is logged (failures,
   * writes and slow requests always). Every app's setting (AppEnv), with the portal's own default.
   */
  override LOG_REQUEST_SAMPLE = 100;

  /** Requests per client IP and endpoint per minute (CSV exports: 20). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  PORTAL_RATE_LIMIT_PER_MINUTE = 300;

  /**
   * Express "trust proxy": behind a load balancer set it (e.g. `1` for one hop, or the proxy's
   * CIDR) so the rate limit counts the client's address from X-Forwarded-For, not the proxy's.
   */
  @IsOptional() @IsString()
  PORTAL_TRUST_PROXY?: string;

  /**
   * The public origin of the portal (`https://gongshi.example.gov.cn`): the base of every absolute
   * link it writes (Atom feed, CSV, canonical links). Never taken from the Host header. Required in
   * production; elsewhere the default is the URL the portal listens on (embedded mode, tests).
   */
  @ValidateIf((env: PortalEnv) => env.NODE_ENV === 'production' || env.PORTAL_PUBLIC_URL !== undefined)
  @IsPublicOrigin()
  PORTAL_PUBLIC_URL?: string;

  /**
   * The public key that verifies officers' 亮证 QR codes (Ed25519; SPKI PEM, `\n` may be written
   * literally, or a JWK). Required in production; elsewhere a fixed development key pair is used (logged).
   */
  @ValidateIf((env: PortalEnv) => env.NODE_ENV === 'production' || env.BADGE_VERIFY_KEY !== undefined)
  @IsBadgeVerifyKey()
  BADGE_VERIFY_KEY?: string;
}
