export * from './envelope/event-envelope.js';
export * from './envelope/event-definition.js';
export * from './envelope/subjects.js';
