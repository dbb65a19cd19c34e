// npm start's prestart: builds dist/ (server and browser) only when a source is
// newer than the last build, so a start without changes listens at once.
// `node scripts/build-if-stale.mjs` prints what it did; exit code 1 if the build fails.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.public.json'];

/** The newest modification time under `path` (0 when it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function builtAt() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

const changed = Math.max(...SOURCES.map((s) => newest(join(root, s))));
if (builtAt() > changed) {
  console.log('duet: dist/ is up to date, not rebuilding');
} else {
  console.log('duet: sources changed since the last build, building dist/');
  const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  try {
    run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
    run([join(root, 'scripts/build-client.mjs')]);
  } catch {
    console.error('duet: the build failed (see above); fix it and run npm start again');
    process.exit(1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
