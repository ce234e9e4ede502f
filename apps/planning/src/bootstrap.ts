import { loadConfig, startApp, type RunningApp } from '#platform';
import { PlanningAppModule } from './app.module.js';
import { PlanningEnv } from './planning-env.js';

/** Starts the planning app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapPlanning(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3001' }, PlanningEnv);
  return startApp({
    serviceName: 'planning',
    title: 'Spotcheck planning: directories, item list, plans and verifiable draws',
    description: 'See README.md and docs/ in the repository.',
    config,
    module: (c, broker) => PlanningAppModule.forRoot(c, broker),
  });
}
