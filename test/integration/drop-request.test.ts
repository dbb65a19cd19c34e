import { describe, expect, it } from 'vitest';
import { newServer, next } from '../support/server.js';

describe('the handshake request after connecting (Socket.IO memory tip)', () => {
  it('keeps no reference to the upgrade request, yet still knows the address and relays', async () => {
    const running = await newServer();
    const a = await running.client({ extraHeaders: { 'x-bulk': 'x'.repeat(2000) } });
    const b = await running.client();
    a.emit('join', 'drop-request');
    await next(a, 'joined');
    const otherjoin = next(a, 'otherjoin');
    b.emit('join', 'drop-request');
    await otherjoin;
    const relayed = next(b, 'message');
    a.emit('message', 'drop-request', { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' });
    expect((await relayed)[0]).toBe('drop-request');
    for (const socket of running.server.io.sockets.sockets.values()) {
      expect(socket.conn.request).toBeNull();
      expect(socket.data.address).toMatch(/127\.0\.0\.1/);
    }
  });
});
