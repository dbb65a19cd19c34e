/**
 * The hooks every browser test file shares: one duet server and one Chromium
 * for the file, and the browser context of every page a test opened closed
 * after that test.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import type { ServerConfig } from '../../src/server/app.js';
import { startServer, type Running } from './server.js';

/** `config` changes the server's configuration (a short RING_TIMEOUT_S, an ACCESS_CODE…). */
export function browserSuite(ready: (server: Running, browser: Browser) => void, pages: Page[], config: Partial<ServerConfig> = {}): void {
  let server: Running | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({}, config);
    browser = await launchBrowser({ cert: server.cert });
    ready(server, browser);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
