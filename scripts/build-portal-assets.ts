/**
 * Builds the portal's browser assets into dist/portal-assets/ (served by apps/portal's assets
 * controller): the draw verifier (libs/domain's verifyDrawBundle bundled for the browser), the
 * statistics charts script, and the style sheet. Run by `npm run build`.
 *
 *   npx tsx scripts/build-portal-assets.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'portal-assets');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: {
    verifier: path.join(root, 'apps/portal/src/web/browser/verifier.ts'),
    statistics: path.join(root, 'apps/portal/src/web/browser/statistics.ts'),
  },
  outdir: out,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'apps/portal/public/portal.css'), path.join(out, 'portal.css'));
console.log(`portal assets written to ${path.relative(root, out)}/`);
