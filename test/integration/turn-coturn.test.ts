/**
 * duet's TURN credentials against a real coturn (Debian's turnserver in TURN
 * REST API mode on loopback): the credentials the socket hands out allocate
 * a relay; a wrong password and expired credentials are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/config.js';
import { coturnConfig } from '../../src/server/turn/coturn-config.js';
import { issueTurnCredentials } from '../../src/server/turn/credentials.js';
import { allocate, coturnTestsEnabled, startCoturn, type Coturn } from '../support/coturn.js';
import { startServer, type Running } from '../support/server.js';

describe.runIf(coturnTestsEnabled())('duet with a real coturn', () => {
  let coturn: Coturn | undefined;
  let duet: Running | undefined;

  beforeAll(async () => {
    coturn = await startCoturn({ allowLoopback: true });
    const { turn } = loadConfig({ TURN_URLS: `turn:127.0.0.1:${coturn.port}`, TURN_SECRET: coturn.secret, TURN_TTL_S: '600' });
    duet = await startServer({}, { turn });
  });

  afterAll(async () => {
    await duet?.close();
    await coturn?.stop();
  });

  async function handedOut(): Promise<{ username: string; credential: string }> {
    const socket = await duet!.client();
    const reply = await socket.timeout(5000).emitWithAck('turn-credentials');
    socket.disconnect();
    if (!reply.ok) throw new Error(`no credentials: ${reply.error}`);
    expect(reply.iceServer.urls).toEqual([`turn:127.0.0.1:${coturn!.port}`]);
    expect(JSON.stringify(reply)).not.toContain(coturn!.secret);
    return { username: reply.iceServer.username!, credential: reply.iceServer.credential! };
  }

  it('allocates a relay with the credentials the socket hands out', async () => {
    const { username, credential } = await handedOut();
    const result = await allocate(coturn!, username, credential);
    expect(result.code, result.output + coturn!.log().slice(-2000)).toBe(0);
  });

  it('hands out different credentials to every page', async () => {
    const [a, b] = [await handedOut(), await handedOut()];
    expect(a.username).not.toBe(b.username);
  });

  it('refuses a wrong password', async () => {
    const { username } = await handedOut();
    const result = await allocate(coturn!, username, 'not-the-password');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot complete Allocation/);
  });

  it('refuses credentials whose expiry has passed', async () => {
    const expired = issueTurnCredentials(coturn!.secret, 600, Date.now() - 601_000);
    const result = await allocate(coturn!, expired.username, expired.credential);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot complete Allocation/);
  });

  it("runs from the file npm run turn-config prints: duet's credentials allocate, relaying to loopback is forbidden", async () => {
    const port = coturn!.port + 100;
    const secret = 'a-secret-for-the-generated-file';
    const { turn } = loadConfig({ TURN_URLS: `turn:127.0.0.1:${port}`, TURN_SECRET: secret });
    const generated = await startCoturn({ port, config: { text: coturnConfig({ turn, secret, addresses: ['127.0.0.1'], allowPrivate: false }), secret } });
    try {
      const mine = issueTurnCredentials(secret, 600, Date.now());
      const result = await allocate(generated, mine.username, mine.credential);
      expect(result.output).not.toMatch(/Cannot complete Allocation/);
      expect(result.output).toMatch(/403 \(Forbidden IP\)/); // the two test clients' relays are on 127.0.0.1: denied
    } finally {
      await generated.stop();
    }
  });
});
