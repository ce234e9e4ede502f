/* global process, console */
// `npm start`'s prestart: rebuild only when a source changed since the last build, so a warm start
// does not spend seconds recompiling what did not change. Sources: apps/, libs/, scripts/, the
// TypeScript configuration and the lock file; the build's date is that of dist/scripts/start.js, which
// every build (`npm run build`, by hand or by `npm test`) writes.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', 'scripts', 'start.js');
const inputs = ['apps', 'libs', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(file)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(path.join(file, entry)));
  }
  return latest;
}

const sourcesChanged = Math.max(...inputs.map((i) => path.join(root, i)).filter(existsSync).map(newest));
if (existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged) process.exit(0);

const began = new Date();
console.log('building (sources changed since the last build)…');
execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
// Dated when the build began: a file saved during the build makes the next start build again.
utimesSync(stamp, began, began);
