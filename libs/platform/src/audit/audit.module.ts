import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller.js';
import { AuditRecorder } from './audit-recorder.js';
import { AuditRepository } from './audit.repository.js';
import { AuditScopeInterceptor } from './audit-scope.interceptor.js';

/** The full-process record of one app: recorded on every commit, served at /audit. */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditRecorder, { provide: APP_INTERCEPTOR, useClass: AuditScopeInterceptor }],
  exports: [AuditRepository],
})
export class AuditModule {}
