export * from './config/app-env.js';
export * from './config/load-config.js';
export * from './http/domain-exception.filter.js';
export * from './health/health.controller.js';
export * from './platform.module.js';
export * from './bootstrap.js';
export * from './clock/clock.js';
export * from './clock/clock.module.js';
