import path from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { loadBadgeSigningKey } from '#auth';
import type { EventBroker } from '#messaging';
import { PlatformModule, type AppEnv, type Clock } from '#platform';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { BadgeModule } from './badge/badge.module.js';
import { BADGE_SETTINGS, DEFAULT_BADGE_TTL_SECONDS, DEFAULT_PORTAL_ORIGIN, portalOrigin, type BadgeSettings } from './badge/badge.settings.js';
import { DirectoryModule } from './directory/directory.module.js';
import type { EvidenceStore } from './evidence/evidence-store.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { LocalDiskPartialUploadStore } from './evidence/local-disk.partial-upload-store.js';
import { PARTIAL_UPLOAD_STORE } from './evidence/partial-upload-store.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { INSPECTION_DEFAULTS, INSPECTION_SETTINGS, type InspectionSettings } from './inspection.options.js';
import { INSPECTION_ENTITIES, INSPECTION_MIGRATIONS } from './persistence.js';
import { ResultsModule } from './results/results.module.js';

export interface InspectionModuleOptions extends Partial<InspectionSettings> {
  synchronize?: boolean;
  outboxPollMs?: number;
  /** Another evidence store (an object store); the default keeps files under DATA_DIR/evidence. */
  evidenceStore?: EvidenceStore;
  /** Where the service reads the time (tests move it past a rectification deadline). */
  clock?: Clock;
  /** 亮证 signing key (InspectionEnv.BADGE_SIGNING_KEY: Ed25519, PKCS#8 PEM or JWK); default: the development key (refused in production). */
  badgeSigningKey?: string;
  /** The portal's public origin for the verification URL (InspectionEnv.PORTAL_PUBLIC_URL); default http://localhost:3000. */
  portalPublicUrl?: string;
  /** Lifetime of a 亮证 code in seconds (InspectionEnv.BADGE_TTL_SECONDS; default 900). */
  badgeTtlSeconds?: number;
}

@Module({})
export class InspectionAppModule {
  static forRoot(config: AppEnv, broker: EventBroker, options: InspectionModuleOptions = {}): DynamicModule {
    const { synchronize, outboxPollMs, evidenceStore, clock, badgeSigningKey, portalPublicUrl, badgeTtlSeconds, ...rest } = options;
    const badge: BadgeSettings = {
      signingKey: loadBadgeSigningKey(badgeSigningKey),
      portalOrigin: portalOrigin(portalPublicUrl ?? DEFAULT_PORTAL_ORIGIN),
      ttlSeconds: badgeTtlSeconds ?? DEFAULT_BADGE_TTL_SECONDS,
    };
    // Checked here too (a caller may pass a config not validated as InspectionEnv).
    if (config.NODE_ENV === 'production' && (badge.signingKey.development || !portalPublicUrl)) throw new Error('BADGE_SIGNING_KEY and PORTAL_PUBLIC_URL are required when NODE_ENV=production');
    const settings: InspectionSettings = {
      evidenceDir: rest.evidenceDir ?? path.resolve(config.DATA_DIR, 'evidence'),
      evidenceMaxBytes: rest.evidenceMaxBytes ?? INSPECTION_DEFAULTS.evidenceMaxBytes,
      overdueScanMs: rest.overdueScanMs ?? INSPECTION_DEFAULTS.overdueScanMs,
      evidenceUploadDir: rest.evidenceUploadDir ?? path.join(rest.evidenceDir ?? path.resolve(config.DATA_DIR, 'evidence'), 'uploads'),
      evidenceUploadTtlHours: rest.evidenceUploadTtlHours ?? INSPECTION_DEFAULTS.evidenceUploadTtlHours,
      uploadSweepMs: rest.uploadSweepMs ?? INSPECTION_DEFAULTS.uploadSweepMs,
      uploadsPerAssignment: rest.uploadsPerAssignment ?? INSPECTION_DEFAULTS.uploadsPerAssignment,
      uploadBytesPerAssignment: rest.uploadBytesPerAssignment ?? INSPECTION_DEFAULTS.uploadBytesPerAssignment,
    };
    return {
      module: InspectionAppModule,
      global: true,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'inspection',
          schema: 'inspection',
          config,
          broker,
          entities: INSPECTION_ENTITIES,
          migrations: INSPECTION_MIGRATIONS,
          ...(synchronize !== undefined ? { synchronize } : {}),
          ...(outboxPollMs !== undefined ? { outboxPollMs } : {}),
          ...(clock ? { clock } : {}),
        }),
        IdempotencyModule,
        AssignmentsModule,
        DirectoryModule,
        ResultsModule,
        EvidenceModule.forRoot(settings, evidenceStore),
        BadgeModule,
      ],
      providers: [
        { provide: INSPECTION_SETTINGS, useValue: settings },
        { provide: BADGE_SETTINGS, useValue: badge },
        // Here, not in EvidenceModule: cancelling an inspection (AssignmentsModule) drops its unfinished uploads' bytes.
        { provide: PARTIAL_UPLOAD_STORE, useValue: new LocalDiskPartialUploadStore(settings.evidenceUploadDir) },
      ],
      exports: [INSPECTION_SETTINGS, BADGE_SETTINGS, PARTIAL_UPLOAD_STORE],
    };
  }
}
