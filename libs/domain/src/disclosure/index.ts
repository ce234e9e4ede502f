export * from './vocabulary.js';
export * from './publishability.js';
export * from './deadlines.js';
export * from './display-period.js';
export * from './notice-lifecycle.js';
export * from './major-decision.js';
