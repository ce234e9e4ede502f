import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The portal's static files, served by AssetsController from memory with a content-hash in their
 * URL (cached for a year, immutable). ECharts comes from node_modules, never a CDN; the verifier,
 * the statistics script and the style sheet from dist/portal-assets (scripts/build-portal-assets.ts).
 */
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function sources(): Record<string, string> {
  const built = process.env.PORTAL_ASSETS_DIR ?? path.join(repoRoot(), 'dist', 'portal-assets');
  return {
    'echarts.min.js': createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'),
    'portal.css': existsSync(path.join(built, 'portal.css')) ? path.join(built, 'portal.css') : path.join(repoRoot(), 'apps/portal/public/portal.css'),
    'verifier.js': path.join(built, 'verifier.js'),
    'verifier.js.map': path.join(built, 'verifier.js.map'),
    'statistics.js': path.join(built, 'statistics.js'),
    'statistics.js.map': path.join(built, 'statistics.js.map'),
  };
}

export interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

let cache: Map<string, Asset> | undefined;

/** Loads every asset once (a missing built asset is logged by the caller and answered 404). */
export function loadAssets(): Map<string, Asset> {
  if (cache) return cache;
  cache = new Map();
  for (const [name, file] of Object.entries(sources())) {
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    cache.set(name, { body, type: TYPES[path.extname(name)] ?? 'application/octet-stream', hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  return cache;
}

/** The URL of an asset, versioned by its content so browsers may cache it forever. */
export function assetUrl(name: string): string {
  const asset = loadAssets().get(name);
  return `/assets/${name}${asset ? `?v=${asset.hash}` : ''}`;
}
