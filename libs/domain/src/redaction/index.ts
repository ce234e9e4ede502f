export * from './normalize-text.js';
export * from './person-name.js';
export * from './find-personal-data.js';
export * from './redact-text.js';
export * from './redact-notice.js';
