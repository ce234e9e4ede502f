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
  keepExtendedQueriesTogether(server, db);
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * pglite-socket (0.2.x) queues each protocol message on its own and, outside a transaction, takes
 * the next message from whichever client sent one. A client's extended query (Parse, Bind,
 * Describe, Execute … Sync) can then be split by another client's statement: the Bind finds the
 * other client's unnamed statement ("bind message supplies 66 parameters, but prepared statement
 * requires 4", "unnamed prepared statement does not exist") or, worse, runs it with the wrong
 * parameters; a client that disconnects mid-batch can leave the queue waiting for good. The queue
 * already serves one client at a time while PGlite is in a transaction; this makes it do the same
 * from a Parse/Bind/Describe/Execute/Close/Flush until that client's Sync.
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: { db: PGlite } }).queryQueue;
  let midBatch = false;
  const view = Object.create(db) as PGlite;
  view.isInTransaction = () => midBatch || db.isInTransaction();
  view.execProtocolRawStream = (message, options) => {
    midBatch = 'PBDECH'.includes(String.fromCharCode(message[0]));
    return db.execProtocolRawStream(message, options);
  };
  view.runExclusive = (fn) => db.runExclusive(fn);
  view.exec = (query, options) => db.exec(query, options);
  queue.db = view;
}
