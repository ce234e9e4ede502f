export * from './audit-chain.js';
