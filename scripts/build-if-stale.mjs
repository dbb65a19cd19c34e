// Run before npm start, npm run certs and npm run turn-config (and by the duet command in a
// checkout): builds dist/ (server and browser) only when a source is newer than the last
// build, so a command without changes runs at once. It says what it did on stderr, so
// `npm run -s turn-config > turnserver.conf` keeps only the configuration; exit code 1 if
// the build fails. With `--no-check` the server is compiled without type-checking it (about half the
// time): for `npm test`, whose checks type-check the same sources beside the tests.
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
  console.error('duet: dist/ is up to date, not rebuilding');
} else {
  console.error('duet: sources changed since the last build, building dist/');
  // the compiler's own output goes to stderr too, for the same reason
  const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  try {
    run([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', ...(process.argv.includes('--no-check') ? ['--noCheck'] : [])]);
    run([join(root, 'scripts/build-client.mjs')]);
  } catch {
    console.error('duet: the build failed (see above); fix it and run the command again');
    process.exit(1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
