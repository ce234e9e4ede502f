// The inspector's phone app (掌上执法: Vue 3 + Vant 4, an installable offline-first PWA), built into
// dist/inspector-web/ and served by apps/console under /m/. `npx vite --config apps/console/mobile/vite.config.ts`
// serves it on its own, proxying the console server's URLs (default port 3004) so that cookies stay on one origin.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..', '..');
const server = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3004';
const outDir = path.join(root, 'dist', 'inspector-web');

/**
 * Writes `<file>.gz` and `<file>.br` beside each built script, style and page (as the console's build
 * does), so the server sends the compressed bytes as they are. Runs last, after the service worker is
 * written, so the worker is compressed too.
 */
function precompress(dir: string): Plugin {
  return {
    name: 'spotcheck-precompress',
    apply: 'build',
    enforce: 'post',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
        for (const file of walk(dir).filter((f) => /\.(js|css|html|svg|json|webmanifest)$/.test(f))) {
          const data = readFileSync(file);
          if (data.length < 1024) continue;
          writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
          writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        }
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: '/m/',
  plugins: [
    vue(),
    VitePWA({
      // Our own worker (src/sw.ts): Workbox precaching of the app shell plus the outbox's Background Sync.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // Registered by src/pwa.ts with workbox-window (no inline script: the page's CSP allows none).
      injectRegister: false,
      scope: '/m/',
      base: '/m/',
      manifest: {
        name: '掌上执法',
        short_name: '掌上执法',
        description: '检查任务、现场检查记录、取证照片与签名，离线可用',
        lang: 'zh-CN',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b4f9c',
        icons: [
          { src: '/m/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/m/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/m/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/m/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
    precompress(outDir),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // The libraries change less often than the app: their own chunks stay cached across releases.
        codeSplitting: { groups: [{ name: 'vant', test: /node_modules[\\/](vant|@vant)[\\/]/ }, { name: 'vue', test: /node_modules[\\/](vue|@vue)[\\/]/ }] },
      },
    },
  },
  server: {
    fs: { allow: [root] },
    proxy: Object.fromEntries(['/auth', '/api', '/.well-known'].map((p) => [p, { target: server, changeOrigin: false }])),
  },
});
