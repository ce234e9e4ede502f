import { type DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import type { InspectionSettings } from '../inspection.options.js';
import { AbandonedUploadsSweeper } from './abandoned-uploads.sweeper.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceService } from './evidence.service.js';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store.js';
import { EvidenceUploadsController } from './evidence-uploads.controller.js';
import { EvidenceUploadsService } from './evidence-uploads.service.js';
import { LocalDiskEvidenceStore } from './local-disk.evidence-store.js';

/** Evidence uploads: size-limited in the parser (413 before anything is stored), typed by content; resumable uploads in chunks. */
@Module({})
export class EvidenceModule {
  static forRoot(settings: InspectionSettings, store?: EvidenceStore): DynamicModule {
    return {
      module: EvidenceModule,
      imports: [
        AssignmentsModule,
        MulterModule.register({
          // No storage option: multer keeps the (size-limited) file in memory until the service has checked it.
          limits: { fileSize: settings.evidenceMaxBytes, files: 1, fields: 0, parts: 2 },
          // Chinese file names arrive as UTF-8 without a charset parameter.
          ...({ defParamCharset: 'utf8' } as object),
        }),
      ],
      controllers: [EvidenceController, EvidenceUploadsController],
      providers: [
        EvidenceService,
        EvidenceUploadsService,
        AbandonedUploadsSweeper,
        { provide: EVIDENCE_STORE, useValue: store ?? new LocalDiskEvidenceStore(settings.evidenceDir) },
      ],
    };
  }
}
