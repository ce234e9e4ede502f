import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AppEnv } from '#platform';

/** The portal's settings on top of every app's (validated at start like the rest). */
export class PortalEnv extends AppEnv {
  /** Requests per client IP and endpoint per minute (CSV exports: 20). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  PORTAL_RATE_LIMIT_PER_MINUTE = 300;

  /**
   * Express "trust proxy": behind a load balancer set it (e.g. `1` for one hop, or the proxy's
   * CIDR) so the rate limit counts the client's address from X-Forwarded-For, not the proxy's.
   */
  @IsOptional() @IsString()
  PORTAL_TRUST_PROXY?: string;
}
