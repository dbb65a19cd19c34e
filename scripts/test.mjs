// `npm test`: the checks (`npm run checks`: lint, format check, both type-checks) and the whole
// vitest suite at the same time. The suite is bound by the CPU, mostly Chromium's, yet leaves a
// little of it idle while pages wait on the network or a timer; the checks run at the lowest
// priority, so they take that instead of a minute before the first test (from a clean checkout
// about 75 core-seconds alone, about 105 beside the tests, which compete with them for the cores). Arguments go to vitest
// (`npm test -- --reporter=verbose`). The checks' output is printed when they end: in full at once
// if they failed, else one line. The exit code is vitest's, or the checks' when vitest passed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const LOWEST = 19;

/** Runs `command`, resolving with its exit code (1 when it could not start or a signal ended it). */
function run(command, args, options) {
  const child = spawn(command, args, { cwd: root, ...options });
  const code = new Promise((done) => {
    child.on('error', (error) => {
      console.error(`test: could not run ${command}: ${error.message}`);
      done(1);
    });
    child.on('close', (status) => done(status ?? 1));
  });
  return { child, code };
}

const started = Date.now();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// On Linux the checks also get the idle scheduling class (util-linux's chrt, SCHED_IDLE, which their
// processes inherit): a core running only them counts as free, so a test's thread that wakes takes it
// at once, where at nice 19 alone it could wait behind a check's time slice.
const chrt = process.platform === 'linux' ? ['/usr/bin/chrt', '/bin/chrt'].find((path) => existsSync(path)) : undefined;
const [command, args] = chrt ? [chrt, ['--idle', '0', npm, 'run', '-s', 'checks']] : [npm, ['run', '-s', 'checks']];
const checks = run(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
try {
  // before npm has started run-p (it takes a few hundred milliseconds), so every check inherits it
  if (checks.child.pid !== undefined) setPriority(checks.child.pid, LOWEST);
} catch (error) {
  console.error(`test: the checks run at normal priority (${error.message})`);
}
const output = [];
checks.child.stdout?.on('data', (chunk) => output.push(chunk));
checks.child.stderr?.on('data', (chunk) => output.push(chunk));
const checksDone = checks.code.then((code) => {
  const seconds = Math.round((Date.now() - started) / 1000);
  if (code === 0) return { code, line: `checks: lint, format and type-checks passed (${seconds} s, beside the tests)` };
  process.stderr.write(`\n──── checks failed (npm run checks, exit code ${code}) ────\n${Buffer.concat(output).toString()}────\n`);
  return { code, line: `checks: FAILED (printed above; npm run checks runs them alone)` };
});

const vitest = run(process.execPath, [fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)), 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
});

// a stop asked of this process (a CI time limit, a terminal's Ctrl-C) reaches both
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const { child } of [checks, vitest]) child.kill(signal);
  });
}

const testsCode = await vitest.code;
const { code: checksCode, line } = await checksDone;
console.log(line);
process.exitCode = testsCode !== 0 ? testsCode : checksCode;
