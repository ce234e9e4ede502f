import { loadConfig, startApp, type RunningApp } from '#platform';
import { PublicationAppModule } from './app.module.js';
import { PublicationEnv, rulesFromEnv } from './publication-env.js';

/** Starts the publication app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapPublication(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3003' }, PublicationEnv);
  const rules = rulesFromEnv(config);
  return startApp({
    serviceName: 'publication',
    title: 'Spotcheck publication: 双公示 notices, redaction and deadlines',
    description: 'Licence and penalty decisions, spot-check result notices, their redaction, deadlines and lifecycle. See docs/publication.md.',
    config,
    module: (c, broker) => PublicationAppModule.forRoot(c, broker, { rules }),
  });
}
