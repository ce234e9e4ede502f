import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { badgeKeyProblem } from '#auth';
import { AppEnv } from '#platform';
import { portalOrigin } from './badge/badge.settings.js';

/** A setting checked by a function that throws with the message to show. */
function Parses(check: (value: string) => unknown, missing: string): PropertyDecorator {
  const problem = (value: unknown): string | undefined => {
    if (typeof value !== 'string' || !value.trim()) return missing;
    try {
      check(value);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  return ValidateBy({ name: 'parses', validator: { validate: (value: unknown) => problem(value) === undefined, defaultMessage: (args) => problem(args?.value) ?? missing } });
}

/** The inspection app's environment: the platform's plus its own limits. */
export class InspectionEnv extends AppEnv {
  /** Largest evidence upload in bytes (default 20 MiB; at most 200 MiB). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** Hours after which an unfinished resumable evidence upload is removed (default 7 days; 1 hour to a year). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366 * 24)
  EVIDENCE_UPLOAD_TTL_HOURS = 7 * 24;

  /** Milliseconds between overdue scans (default one minute). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  OVERDUE_SCAN_MS = 60_000;

  /**
   * The Ed25519 private key that signs officers' 亮证 codes (PKCS#8 PEM, `\n` may be written literally,
   * or a JWK). Required in production; elsewhere a fixed development key pair is used (logged).
   */
  @ValidateIf((env: InspectionEnv) => env.NODE_ENV === 'production' || env.BADGE_SIGNING_KEY !== undefined)
  @Parses((v) => {
    const problem = badgeKeyProblem(v, 'signing');
    if (problem) throw new Error(problem);
  }, 'BADGE_SIGNING_KEY is required when NODE_ENV=production (an Ed25519 private key; the portal gets its public half as BADGE_VERIFY_KEY)')
  BADGE_SIGNING_KEY?: string;

  /**
   * The portal's public origin (the same value as the portal's PORTAL_PUBLIC_URL): 亮证 codes point at
   * `<origin>/badge?t=…`. Required in production; default http://localhost:3000 (`npm start` passes the real one).
   */
  @ValidateIf((env: InspectionEnv) => env.NODE_ENV === 'production' || env.PORTAL_PUBLIC_URL !== undefined)
  @Parses(portalOrigin, 'PORTAL_PUBLIC_URL is required when NODE_ENV=production: the portal\'s public http(s) origin, e.g. https://gongshi.example.gov.cn')
  PORTAL_PUBLIC_URL?: string;

  /** Lifetime of a 亮证 code in seconds (default 15 minutes; 1 minute to 1 hour). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  BADGE_TTL_SECONDS = 900;
}
