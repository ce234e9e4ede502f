export * from './audit-record.entity.js';
export * from './audit-migration.js';
export * from './audit.module.js';
export { requestIdOf } from './audit-scope.interceptor.js';
export * from './audit.repository.js';
