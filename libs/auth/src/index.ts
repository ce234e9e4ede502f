export * from './principal.js';
export * from './auth.options.js';
export * from './token-verifier.js';
export * from './mint-token.js';
export * from './decorators.js';
export * from './auth.guard.js';
export * from './department-scope.js';
export * from './auth.module.js';
