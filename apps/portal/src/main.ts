import 'reflect-metadata';
import { ConfigError } from '#platform';
import { bootstrapPortal } from './bootstrap.js';

bootstrapPortal()
  .then(({ url }) => console.log(JSON.stringify({ level: 30, name: 'portal', msg: 'listening', url })))
  .catch((error: unknown) => {
    // A configuration error is the operator's to fix: say what, without a stack trace.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
