import type { DynamicModule } from '@nestjs/common';
import type { EventBroker } from '#messaging';
import { loadConfig, startApp, type AppEnv, type RunningApp } from '#platform';
import { testEnv } from './test-env.js';

/**
 * Starts one real app (its migrations, its JetStream consumers, HTTP on a free port) against a
 * test database and a per-file subject prefix.
 *
 *   const planning = await startTestApp('planning', (c, b) => PlanningAppModule.forRoot(c, b, { outboxPollMs: 50 }), db.url, prefix);
 */
export async function startTestApp(
  serviceName: string,
  module: (config: AppEnv, broker: EventBroker) => DynamicModule,
  databaseUrl: string,
  prefix: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningApp> {
  const config = loadConfig(testEnv(databaseUrl, prefix, extraEnv));
  return startApp({ serviceName, title: serviceName, description: 'test', config, module });
}
