import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppEnv } from './app-env.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment for one app. `defaults` supplies per-app values (its port);
 * an app with more settings passes a subclass of AppEnv.
 */
export function loadConfig<T extends AppEnv>(
  env: Record<string, string | undefined>,
  defaults: Partial<Record<keyof T, string>> = {},
  shape: new () => T = AppEnv as new () => T,
): T {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(defaults)) if (v !== undefined) merged[k] = v as string;
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  const config = plainToInstance(shape, merged, { excludeExtraneousValues: false });
  const errors = validateSync(config as object, { whitelist: false, skipMissingProperties: false });
  const problems = errors.map(describe);
  // A moved clock in production would publish on the wrong day: it is for tests and training only.
  if (config.NODE_ENV === 'production' && config.CLOCK_START) problems.push('  - CLOCK_START: not allowed when NODE_ENV=production');
  if (problems.length) {
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  return config;
}

function describe(e: ValidationError): string {
  return `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`;
}
