import type { EmbeddedPostgres } from '../../scripts/embedded/embedded-postgres.js';

/** Stops the embedded PostgreSQL that the global setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { embeddedTestPostgres?: EmbeddedPostgres }).embeddedTestPostgres?.stop();
}
