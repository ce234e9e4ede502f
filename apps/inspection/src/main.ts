import 'reflect-metadata';
import { ConfigError } from '#platform';
import { bootstrapInspection } from './bootstrap.js';

bootstrapInspection()
  .then(({ url }) => console.log(JSON.stringify({ level: 30, name: 'inspection', msg: 'listening', url })))
  .catch((error: unknown) => {
    // A configuration error is the operator's to fix: say what, without a stack trace.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
