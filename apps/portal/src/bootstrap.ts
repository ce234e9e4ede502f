import { loadConfig, startApp, type RunningApp } from '#platform';
import { PortalAppModule } from './app.module.js';
import { PortalEnv } from './portal-env.js';

/** Starts the portal app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapPortal(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3000' }, PortalEnv);
  return startApp({
    serviceName: 'portal',
    title: 'Spotcheck portal: public enforcement disclosure',
    description:
      'Open data of the enforcement-disclosure portal: notices (行政许可, 行政处罚, 抽查结果), draws, items, statistics. ' +
      'No key needed. Rate limit: PORTAL_RATE_LIMIT_PER_MINUTE requests per client IP and endpoint per minute (CSV: 20); ' +
      'beyond it 429 with Retry-After. See docs/portal.md.',
    config,
    module: (c, broker) =>
      PortalAppModule.forRoot(c, broker, {
        rateLimit: { limit: config.PORTAL_RATE_LIMIT_PER_MINUTE, ttlMs: 60_000 },
        trustProxy: config.PORTAL_TRUST_PROXY,
        publicUrl: config.PORTAL_PUBLIC_URL,
        badgeVerifyKey: config.BADGE_VERIFY_KEY,
      }),
  });
}
