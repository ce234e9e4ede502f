export * from './check-digits/uscc.js';
export * from './errors.js';
export * from './check-digits/id-number.js';
export * from './check-digits/bank-card.js';
export * from './calendar/index.js';
export * from './redaction/index.js';
export * from './disclosure/index.js';
export * from './draw/index.js';
