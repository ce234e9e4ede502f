import { loadConfig, startApp, type RunningApp } from '#platform';
import { InspectionAppModule } from './app.module.js';

/** Starts the inspection app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapInspection(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3002' });
  return startApp({
    serviceName: 'inspection',
    title: 'Spotcheck inspection: worklists and field results',
    description: 'See README.md and docs/ in the repository.',
    config,
    module: (c, broker) => InspectionAppModule.forRoot(c, broker),
  });
}
