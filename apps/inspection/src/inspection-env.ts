import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppEnv } from '#platform';

/** The inspection app's environment: the platform's plus its own limits. */
export class InspectionEnv extends AppEnv {
  /** Largest evidence upload in bytes (default 20 MiB; at most 200 MiB). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** Milliseconds between overdue scans (default one minute). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  OVERDUE_SCAN_MS = 60_000;
}
