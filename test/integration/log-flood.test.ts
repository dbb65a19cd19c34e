import { describe, expect, it } from 'vitest';
import { WARNINGS_PER_SECOND, throttleWarnings } from '../../src/server/log/log-throttle.js';
import { memoryLogger } from '../../src/server/log/logger.js';
import { pollingClient } from '../support/polling.js';
import { newServer } from '../support/server.js';

describe('warning lines under a flood', () => {
  it('keeps the warning lines of many flooding clients bounded and counts what it dropped', async () => {
    const logger = memoryLogger();
    const running = await newServer({ logger });
    const started = Date.now();
    // eight clients from eight addresses, each sending thousands of refused events at once
    const flooders = await Promise.all([2, 3, 4, 5, 6, 7, 8, 9].map((n) => running!.client({ localAddress: `127.0.1.${n}` })));
    const gone = flooders.map((socket) => new Promise<void>((ok) => (socket.connected ? socket.once('disconnect', () => ok()) : ok())));
    for (const socket of flooders) for (let i = 0; i < 3000; i++) socket.emit('message', 'not-mine', { type: 'offer', sdp: 'v=0' });
    await Promise.race([Promise.all(gone), new Promise((ok) => setTimeout(ok, 15_000))]);
    // and one polling POST carrying thousands of events after the socket's own disconnect
    const polling = pollingClient(running.port, running.ca, '127.0.1.10');
    const sid = await polling.open();
    await polling.post(sid, ['40']);
    await polling.post(sid, ['41', ...Array.from({ length: 5000 }, () => '42["message","x",{}]'), '1']);
    polling.destroy();
    const seconds = (Date.now() - started) / 1000;
    const warnings = logger.lines.filter((line) => line.startsWith('WARN'));
    expect(warnings.length).toBeLessThanOrEqual(WARNINGS_PER_SECOND * (Math.ceil(seconds) + 1) + 1);
    expect(warnings.some((line) => /^WARN suppressed \d+ warning lines/.test(line))).toBe(true);
  }, 40_000);
});

describe('warning throttle', () => {
  it('passes a burst, drops the rest, then reports how many it dropped', () => {
    const logger = memoryLogger();
    let now = 0;
    const throttled = throttleWarnings(logger, 3, () => now);
    for (let i = 0; i < 10; i++) throttled.warn(`w${i}`);
    throttled.info('info is not throttled');
    expect(logger.lines).toEqual(['WARN w0', 'WARN w1', 'WARN w2', 'INFO info is not throttled']);
    now += 1000;
    throttled.warn('later');
    expect(logger.lines.slice(-2)).toEqual(['WARN suppressed 7 warning lines (more than 3 per second)', 'WARN later']);
    throttled.flush();
    expect(logger.lines).toHaveLength(6);
  });
});
