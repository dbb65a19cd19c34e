/**
 * Which Chromium the tests drive (test/support/chromium.ts): the headless shell when it is
 * installed, the whole browser for what only it does, and the variables that point elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium.js';

const installed =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('the Chromium a test drives', () => {
  it('is the headless shell when installed, and the whole browser for a test that asks for it', () => {
    const both = installed('/usr/bin/chromium-headless-shell', '/usr/bin/chromium');
    expect(chromiumPath('shell', {}, both)).toBe('/usr/bin/chromium-headless-shell');
    expect(chromiumPath('browser', {}, both)).toBe('/usr/bin/chromium');
  });

  it('is the whole browser for every test when the shell is missing or CHROMIUM_SHELL_PATH is empty', () => {
    expect(chromiumPath('shell', {}, installed('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
    expect(chromiumPath('shell', { CHROMIUM_SHELL_PATH: '' }, installed('/usr/bin/chromium-headless-shell'))).toBe('/usr/bin/chromium');
  });

  it('follows CHROMIUM_PATH and CHROMIUM_SHELL_PATH', () => {
    const env = { CHROMIUM_PATH: '/opt/chromium/chrome', CHROMIUM_SHELL_PATH: '/opt/shell/headless_shell' };
    expect(chromiumPath('shell', env, installed('/opt/shell/headless_shell'))).toBe('/opt/shell/headless_shell');
    expect(chromiumPath('browser', env, installed('/opt/shell/headless_shell'))).toBe('/opt/chromium/chrome');
    expect(chromiumPath('shell', env, installed())).toBe('/opt/chromium/chrome');
  });
});
