/**
 * GET /livez and /readyz on the real HTTPS port: alive, ready, not ready while a
 * registered check fails or while the server drains at shutdown, and cheap enough
 * for a load balancer polling every second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOnce } from '../support/http.js';
import { newServer, startServer, type Running } from '../support/server.js';

async function probe(running: Running, path: string) {
  const reply = await fetchOnce(`${running.url}${path}`, { ca: running.ca });
  return { status: reply.status, body: JSON.parse(reply.body.toString()) as unknown, headers: reply.headers };
}

describe('health probes', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer();
  });
  afterAll(() => running.close());

  it('answers /livez with 200 while the process serves', async () => {
    const reply = await probe(running, '/livez');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ alive: true });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 200 when nothing keeps it from taking calls', async () => {
    const reply = await probe(running, '/readyz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ready: true });
  });

  it('answers /readyz with 503 naming a registered check while it fails, and 200 again once it passes', async () => {
    let storeUp = false;
    running.server.addReadinessCheck('shared-store', () => storeUp);
    const down = await probe(running, '/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ ready: false, failing: ['shared-store'] });
    expect((await probe(running, '/livez')).status).toBe(200); // alive all the same
    storeUp = true;
    expect((await probe(running, '/readyz')).status).toBe(200);
  });

  it('answers a load balancer polling many times in a row, each on a new connection, without refusing it', async () => {
    for (let i = 0; i < 40; i++) expect((await probe(running, '/readyz')).status).toBe(200);
  });
});

describe('readiness during shutdown', () => {
  it('answers /readyz with 503 "draining" while the server drains, /livez still 200', async () => {
    const running = await newServer();
    await running.client(); // a connected client keeps the drain going for the whole grace time
    expect((await probe(running, '/readyz')).status).toBe(200);
    const shutdown = running.server.shutdown(3000);
    try {
      const reply = await probe(running, '/readyz');
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual({ ready: false, failing: ['draining'] });
      expect((await probe(running, '/livez')).status).toBe(200);
    } finally {
      await shutdown;
    }
  });
});
