import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths that are the server's own, never a page of the single-page app. */
const SERVER_PATHS = /^\/(auth|api|\.well-known|health|docs)(\/|$)/;

/** Pages allowed to load only what the console serves (Element Plus inlines styles; scripts only from here). */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>执法监管工作台</title></head>
<body><h1>执法监管工作台尚未构建</h1><p>The console's pages are not built (no dist/console-web). Build them, then reload.</p></body></html>`;

/**
 * Serves the built console (dist/console-web, built by vite from apps/console/web): its files, and
 * index.html for any other GET that is not one of the server's paths (the SPA's history-mode
 * routes) and does not ask for JSON. Without a build, a plain page says so.
 */
export function consolePages(webDir: string) {
  const files = express.static(webDir, { index: false, fallthrough: true, maxAge: '1h' });
  const indexFile = path.join(webDir, 'index.html');
  // index.html is kept in memory, never read synchronously on the event loop per request; its
  // modification time is looked at most every 2 s (real time), so a new build is picked up.
  let cached: { mtimeMs: number; body: Buffer } | undefined;
  let checkedAt = -Infinity;
  let checking: Promise<void> | undefined;
  const refresh = async (): Promise<void> => {
    const info = await stat(indexFile).catch(() => undefined);
    if (!info?.isFile()) cached = undefined;
    else if (cached?.mtimeMs !== info.mtimeMs) cached = { mtimeMs: info.mtimeMs, body: await readFile(indexFile) };
  };
  const index = async (): Promise<Buffer | undefined> => {
    if (performance.now() - checkedAt >= 2_000) {
      checking ??= refresh().finally(() => {
        checkedAt = performance.now();
        checking = undefined;
      });
      await checking;
    }
    return cached?.body;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    const page = () => {
      index().then(
        (body) => {
          res.setHeader('Content-Security-Policy', PAGE_CSP);
          res.setHeader('Cache-Control', 'no-cache');
          res.status(200).type('html').send(body ?? NOT_BUILT);
        },
        (error: unknown) => next(error),
      );
    };
    if (req.path === '/' || req.path === '/index.html') return page();
    // The built files as they are; any other path is a route of the app, unless the client wants
    // JSON more than HTML: then it is calling an API (the console's own /audit), not opening a page.
    files(req, res, () => {
      if (req.get('accept') && req.accepts(['application/json', 'text/html']) === 'application/json') return next();
      page();
    });
  };
}
