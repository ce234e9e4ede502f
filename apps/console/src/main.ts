import 'reflect-metadata';
import { ConfigError } from '#platform';
import { bootstrapConsole } from './bootstrap.js';

bootstrapConsole()
  .then(({ url }) => console.log(JSON.stringify({ level: 30, name: 'console', msg: 'listening', url })))
  .catch((error: unknown) => {
    // A configuration error is the operator's to fix: say what, without a stack trace.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
