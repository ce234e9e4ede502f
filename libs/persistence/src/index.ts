export * from './data-source.factory.js';
export * from './snake-naming.strategy.js';
export * from './test-database.js';
export * from './audit-scope.js';
export * from './periodic-job.js';
