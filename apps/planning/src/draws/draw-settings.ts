import { type DynamicModule, Module } from '@nestjs/common';
import type { CreditClassPublication } from '#domain';
import type { AppEnv } from '#platform';
import type { PlanningEnv } from '../planning-env.js';

/** Injection token of the bureau's draw publication settings. */
export const DRAW_SETTINGS = Symbol('DRAW_SETTINGS');

/** How the bureau publishes its draws (fixed into each draw's announcement when it is announced). */
export interface DrawSettings {
  /** Whether the public record names each drawn firm's credit class (default: withheld). */
  creditClass: CreditClassPublication;
}

/** The settings from the environment (DRAW_PUBLISH_CREDIT_CLASS), unless a caller (a test) overrides them. */
export function drawSettingsOf(config: AppEnv, override?: Partial<DrawSettings>): DrawSettings {
  const fromEnv = (config as Partial<PlanningEnv>).DRAW_PUBLISH_CREDIT_CLASS === 'true' ? 'published' : 'withheld';
  return { creditClass: override?.creditClass ?? fromEnv };
}

/** Provides DRAW_SETTINGS to every planning module. */
@Module({})
export class DrawSettingsModule {
  static forRoot(settings: DrawSettings): DynamicModule {
    return { module: DrawSettingsModule, global: true, providers: [{ provide: DRAW_SETTINGS, useValue: settings }], exports: [DRAW_SETTINGS] };
  }
}
