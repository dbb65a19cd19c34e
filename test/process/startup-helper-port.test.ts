/**
 * The plain-HTTP helper only eases trusting the CA: when its port is taken, duet
 * still starts on HTTPS and says why the helper is off.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let blocker: Server;
let busyPort: number;
let certsDir: string;
beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
  busyPort = (blocker.address() as { port: number }).port;
  certsDir = mkdtempSync(join(tmpdir(), 'duet-helper-port-'));
});
afterAll(() => {
  blocker.close();
  rmSync(certsDir, { recursive: true, force: true });
});

describe('starting duet when HTTP_PORT is taken', () => {
  it('serves HTTPS anyway and warns that the helper is off', async () => {
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const port = (probe.address() as { port: number }).port;
    await new Promise((ok) => probe.close(ok));

    const child = spawn(process.execPath, ['dist/src/server/main.js'], {
      env: { ...process.env, PORT: String(port), HTTP_PORT: String(busyPort), HOST: '127.0.0.1', CERTS_DIR: certsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 20_000, interval: 100 }).toContain('duet is running');
      expect(output).toContain(`could not listen on port ${busyPort} (EADDRINUSE)`);
      expect(output).not.toContain(`:${busyPort}/ca.pem`);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
