import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestLogPolicy {
  /** Successful GET and HEAD requests are logged one in this many (1: every request). */
  sample: number;
  /** A request that took at least this long (ms) is always logged, at level warn (0: never counts as slow). */
  slowMs: number;
}

type Level = 'info' | 'warn' | 'silent';

/**
 * pino-http options that decide, when a request has finished, whether it is logged: every write,
 * every failed request (4xx, 5xx, an error) and every slow one always; successful reads one in
 * `sample`. A request that is not logged costs pino-http's setup only (a few microseconds): its line
 * is never serialised or written. The id generator is pino-http's own (a counter), and notes when
 * the request started, for the slow check.
 */
export function requestLogOptions(policy: RequestLogPolicy): {
  genReqId: (req: IncomingMessage) => number | string | object;
  customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => Level;
} {
  const started = new WeakMap<IncomingMessage, number>();
  let lastId = 0;
  let reads = 0;
  return {
    genReqId(req) {
      started.set(req, performance.now());
      return (req as { id?: number | string | object }).id ?? (lastId = (lastId + 1) & 2147483647);
    },
    customLogLevel(req, res, err) {
      const start = started.get(req);
      if (policy.slowMs > 0 && start !== undefined && performance.now() - start >= policy.slowMs) return 'warn';
      if (err || res.statusCode >= 400) return 'info';
      if (policy.sample > 1 && (req.method === 'GET' || req.method === 'HEAD')) return ++reads % policy.sample === 0 ? 'info' : 'silent';
      return 'info';
    },
  };
}
