#!/usr/bin/env node
// The `duet` command, for `npm install -g <folder or tarball>` and npx: in a checkout it
// first builds dist/ when a source changed (as npm start does), then lets src/server/cli.ts
// decide what the arguments ask for and where the certificates go, and starts the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const checkout = existsSync(`${root}src/server/main.ts`);
if (checkout) {
  const build = spawnSync(process.execPath, [`${root}scripts/build-if-stale.mjs`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(1);
}
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const { cliAction } = await import('../dist/src/server/cli.js');
const action = cliAction(process.argv.slice(2), { env: process.env, home: homedir(), checkout, version });
if (action.kind === 'start') {
  Object.assign(process.env, action.env);
  await import('../dist/src/server/main.js');
} else {
  (action.kind === 'error' ? process.stderr : process.stdout).write(action.text);
  process.exitCode = action.kind === 'error' ? 2 : 0;
}
