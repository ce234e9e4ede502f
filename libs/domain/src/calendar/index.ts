export * from './iso-date.js';
export * from './holiday-data.js';
export * from './holiday-overrides.js';
export * from './load-holiday-overrides.js';
export * from './package-holiday-data.js';
export * from './working-day-calendar.js';
