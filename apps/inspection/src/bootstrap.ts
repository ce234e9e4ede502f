import { loadConfig, startApp, type RunningApp } from '#platform';
import { InspectionAppModule } from './app.module.js';
import { InspectionEnv } from './inspection-env.js';

/** Starts the inspection app from an environment (process.env in production, a prepared one in tests). */
export async function bootstrapInspection(env: Record<string, string | undefined> = process.env): Promise<RunningApp> {
  const config = loadConfig(env, { PORT: '3002' }, InspectionEnv);
  return startApp({
    serviceName: 'inspection',
    title: 'Spotcheck inspection: worklists and field results (掌上执法)',
    description: "Inspectors' worklists, field results with evidence, confirmation by the co-inspectors, 即时检查 and officers' progress. See docs/inspection.md.",
    config,
    module: (c, broker) =>
      InspectionAppModule.forRoot(c, broker, {
        evidenceMaxBytes: c.EVIDENCE_MAX_BYTES,
        evidenceUploadTtlHours: c.EVIDENCE_UPLOAD_TTL_HOURS,
        overdueScanMs: c.OVERDUE_SCAN_MS,
        badgeSigningKey: c.BADGE_SIGNING_KEY,
        portalPublicUrl: c.PORTAL_PUBLIC_URL,
        badgeTtlSeconds: c.BADGE_TTL_SECONDS,
      }),
  });
}
