import { Type } from 'class-transformer';
import { IsInt, IsJSON, IsOptional, IsString, Max, Min } from 'class-validator';
import { DEFAULT_DISPLAY_PERIOD_CONFIG, type DeadlineKind, type DisplayPeriodConfig } from '#domain';
import { AppEnv, ConfigError } from '#platform';
import { publicationRules } from './common/publication-rules.js';

/** The publication app's own settings, on top of every app's (docs/publication.md lists them). */
export class PublicationEnv extends AppEnv {
  /** Working days per duty, e.g. {"withdrawal":5} for a province that allows 5. */
  @IsOptional() @IsJSON()
  PUBLICATION_DEADLINES?: string;

  /** Overrides of the display-period table, e.g. {"standardPeriodMonths":36,"shortPeriodMonths":3}. */
  @IsOptional() @IsJSON()
  PUBLICATION_DISPLAY_PERIODS?: string;

  /** Months licence / spot-check result notices stay on the portal (unset: until withdrawn). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1200)
  LICENCE_DISPLAY_MONTHS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1200)
  SPOT_CHECK_DISPLAY_MONTHS?: number;

  /** The bureau's holiday override file; when set, it must exist. */
  @IsOptional() @IsString()
  HOLIDAY_OVERRIDES_FILE?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(86_400_000)
  PUBLICATION_SCHEDULER_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(60)
  PUBLICATION_DUE_SOON_DAYS?: number;
}

/** The rules from the environment; a bad number stops the start with a message that names it. */
export function rulesFromEnv(env: PublicationEnv): Parameters<typeof publicationRules>[0] & object {
  try {
    const rules = {
      deadlines: env.PUBLICATION_DEADLINES ? (JSON.parse(env.PUBLICATION_DEADLINES) as Partial<Record<DeadlineKind, number>>) : {},
      displayPeriods: env.PUBLICATION_DISPLAY_PERIODS
        ? ({ ...DEFAULT_DISPLAY_PERIOD_CONFIG, ...(JSON.parse(env.PUBLICATION_DISPLAY_PERIODS) as Partial<DisplayPeriodConfig>) } as DisplayPeriodConfig)
        : DEFAULT_DISPLAY_PERIOD_CONFIG,
      licenceDisplayMonths: env.LICENCE_DISPLAY_MONTHS ?? null,
      spotCheckDisplayMonths: env.SPOT_CHECK_DISPLAY_MONTHS ?? null,
      ...(env.HOLIDAY_OVERRIDES_FILE ? { holidayOverridesFile: env.HOLIDAY_OVERRIDES_FILE, holidayOverridesRequired: true } : {}),
      ...(env.PUBLICATION_SCHEDULER_MS !== undefined ? { schedulerIntervalMs: env.PUBLICATION_SCHEDULER_MS } : {}),
      ...(env.PUBLICATION_DUE_SOON_DAYS !== undefined ? { dueSoonWorkingDays: env.PUBLICATION_DUE_SOON_DAYS } : {}),
    };
    publicationRules(rules); // validates the deadlines now, not at the first request
    return rules;
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  - PUBLICATION_*: ${(error as Error).message}`);
  }
}
