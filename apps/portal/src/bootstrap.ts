import { loadConfig, startApp, type RunningApp } from '#platform';
import { PortalAppModule } from './app.module.js';

/** Starts the portal app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapPortal(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3000' });
  return startApp({
    serviceName: 'portal',
    title: 'Spotcheck portal: public enforcement disclosure',
    description: 'See README.md and docs/ in the repository.',
    config,
    module: (c, broker) => PortalAppModule.forRoot(c, broker),
  });
}
