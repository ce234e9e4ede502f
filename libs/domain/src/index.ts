export * from './check-digits/uscc.js';
