import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Paths that are the server's own, never a page of the single-page app. */
const SERVER_PATHS = /^\/(auth|api|\.well-known|health|docs)(\/|$)/;

/** Pages allowed to load only what the console serves (Element Plus inlines styles; scripts only from here). */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>执法监管工作台</title></head>
<body><h1>执法监管工作台尚未构建</h1><p>The console's pages are not built (no dist/console-web). Build them, then reload.</p></body></html>`;

/** Vite names the files under assets/ by their content hash: a changed file gets a new name. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}(\.\w+)+$/;

const INSPECTOR_NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>掌上执法</title></head>
<body><h1>掌上执法尚未构建</h1><p>The inspector's phone app is not built (no dist/inspector-web). Build it, then reload.</p></body></html>`;

/** Where the inspector's phone app (掌上执法, apps/console/mobile) is mounted. */
export const INSPECTOR_APP_PATH = '/m';

/**
 * Serves the built console (dist/console-web, built by vite from apps/console/web) at `/`, and the
 * inspector's phone app (dist/inspector-web, from apps/console/mobile) at `/m/` when its folder is given:
 * their files, and each app's index.html for any other GET under it that is not one of the server's paths
 * (the SPAs' history-mode routes) and does not ask for JSON. Without a build, a plain page says so.
 *
 * The build writes `.br` and `.gz` beside each file; express-static-gzip sends the one the browser
 * accepts (brotli first), so nothing is compressed per request. Hashed assets are cached for a
 * year as immutable; anything else is revalidated after an hour, but the phone app's service worker
 * (`/m/sw.js`) is always revalidated, so a new release reaches phones at their next start.
 */
export function consolePages(webDir: string, inspectorWebDir?: string) {
  const consoleApp = singlePageApp(webDir, NOT_BUILT);
  const inspectorApp = inspectorWebDir ? singlePageApp(inspectorWebDir, INSPECTOR_NOT_BUILT) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (inspectorApp && req.path === INSPECTOR_APP_PATH) return res.redirect(301, `${INSPECTOR_APP_PATH}/`);
    if (inspectorApp && req.path.startsWith(`${INSPECTOR_APP_PATH}/`)) {
      // The app sees paths relative to its folder, as under an Express mount; restored for whatever runs next.
      const original = req.url;
      req.url = req.url.slice(INSPECTOR_APP_PATH.length);
      return inspectorApp(req, res, (error?: unknown) => {
        req.url = original;
        next(error);
      });
    }
    consoleApp(req, res, next);
  };
}

/** One built single-page app: its files, and its index.html for the app's own routes. */
function singlePageApp(webDir: string, notBuilt: string) {
  const files = expressStaticGzip(webDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      fallthrough: true,
      setHeaders: (res: ServerResponse, file: string) => {
        const name = path.basename(file).replace(/\.(br|gz)$/, '');
        if (name === 'sw.js') {
          // A service worker must never be served stale from a cache (the browser checks it at each start),
          // and its policy is its own response's: nothing but this origin.
          res.setHeader('Cache-Control', 'no-cache');
          res.setHeader('Service-Worker-Allowed', `${INSPECTOR_APP_PATH}/`);
          res.setHeader('Content-Security-Policy', "default-src 'self'");
        } else if (name === 'index.html') {
          // Reached as a file by a spelling the page route does not match (//index.html, /%69ndex.html):
          // the same policy and caching as the page route.
          res.setHeader('Content-Security-Policy', PAGE_CSP);
          res.setHeader('Cache-Control', 'no-cache');
        } else res.setHeader('Cache-Control', HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      },
    },
  });
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
    const page = () => {
      index().then(
        (body) => {
          res.setHeader('Content-Security-Policy', PAGE_CSP);
          res.setHeader('Cache-Control', 'no-cache');
          res.status(200).type('html').send(body ?? notBuilt);
        },
        (error: unknown) => next(error),
      );
    };
    if (req.path === '/' || req.path === '/index.html') return page();
    // The built files as they are; any other path is a route of the app, unless the client wants
    // JSON more than HTML: then it is calling an API (the console's own /audit), not opening a page.
    files(req, res, () => {
      // express-static-gzip names the encoding before the file is opened; when the file is not there
      // after all (an asset of an older build), whatever answers next must not claim it.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Vary');
      if (req.get('accept') && req.accepts(['application/json', 'text/html']) === 'application/json') return next();
      // A missing built file is a 404, not the app's page in its place (a script tag would get HTML).
      if (/^\/assets\//.test(req.path)) {
        res.status(404).type('text').send('not found');
        return;
      }
      page();
    });
  };
}
