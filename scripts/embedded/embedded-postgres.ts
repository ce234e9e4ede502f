import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from './free-port.js';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL for a machine with none installed: PGlite, with its data on disk, served over the
 * PostgreSQL wire protocol so the apps use the same `pg` driver as in production (never
 * typeorm-pglite: STACK.md pitfall 1). The socket server multiplexes clients over PGlite's single
 * session and keeps a transaction's statements together.
 */
export async function startEmbeddedPostgres(dataDir: string, preferredPort = 0): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const port = await freePort(preferredPort);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 100 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
