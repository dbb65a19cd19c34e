/**
 * The entry point refuses bad configuration with the variable's name and exit code 1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('starting duet with bad configuration', () => {
  it.each([
    ['PORT', 'abc', 'PORT must be 1-65535, got "abc"'],
    ['HOST', 'no such host!', 'HOST must be a host name or IP address'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of'],
    ['ACCESS_CODE', '1234', 'ACCESS_CODE must be at least 8 characters, got 4: a short code is found by guessing from many addresses'],
  ])('stops with exit code 1 when %s=%s', async (name, value, message) => {
    await expect(run(process.execPath, ['dist/src/server/main.js'], { env: { ...process.env, [name]: value }, timeout: 20_000 })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(message),
    });
  });
});
