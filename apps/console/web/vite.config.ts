// The officer console (Vue 3 + Element Plus), built into dist/console-web/ and served by apps/console.
// `npx vite --config apps/console/web/vite.config.ts` serves it on its own, proxying the console server's
// URLs (default port 3004) so that cookies stay on one origin.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..', '..');
const server = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3004';

/**
 * Writes `<file>.gz` and `<file>.br` beside each built script, style and page, so that the server (or a
 * reverse proxy) can send the compressed bytes as they are, without compressing on every request.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'spotcheck-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

const outDir = path.join(root, 'dist', 'console-web');

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Element Plus changes less often than the pages: its own chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)/ }, { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router)[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/auth', '/api', '/.well-known'].map((p) => [p, { target: server, changeOrigin: false }])),
  },
});
