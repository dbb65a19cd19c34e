import { describe, expect, it } from 'vitest';
import { escapeForLog, memoryLogger } from '../../src/server/log/logger.js';
import { newServer } from '../support/server.js';

const HOSTILE = ['room\r\nINFO join forged room "x"', 'a\nb', '\u001b[2J\u001b[31mred', 'tab\there', 'sep\u2028line', 'q"uote\\'];

describe('log lines', () => {
  it('escapes CR, LF, escape sequences and quotes in one quoted line', () => {
    expect(escapeForLog('a\r\nb\u001b[31m"c\\')).toBe('"a\\u000d\\u000ab\\u001b[31m\\"c\\\\"');
  });

  it('stay single-line and escaped whatever room names clients send', async () => {
    const logger = memoryLogger();
    const running = await newServer({ logger });
    const socket = await running.client();
    for (const room of HOSTILE) {
      await socket.timeout(3000).emitWithAck('join', room as never);
      await socket.timeout(3000).emitWithAck('message', room as never, { type: 'offer', sdp: 'v=0' } as never);
      await socket.timeout(3000).emitWithAck('leave', room as never);
    }
    expect(logger.lines.length).toBeGreaterThan(HOSTILE.length * 3);
    for (const line of logger.lines) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(line).not.toContain('"x"');
    }
    // the refusal names what was sent, escaped, so an operator can see it
    expect(logger.lines.some((line) => line.includes('"room\\u000d\\u000aINFO join forged'))).toBe(true);
    expect(logger.lines.some((line) => line.includes('\\u001b[2J'))).toBe(true);
  });

  it('escape a hostile Origin header in the refusal line', async () => {
    const logger = memoryLogger();
    const running = await newServer({ logger });
    // HTTP itself forbids CR, LF and ESC in headers; tab, quotes and backslashes get through
    await expect(running.client({ extraHeaders: { Origin: 'https://evil.example/"\\\t"INFO forged' } })).rejects.toThrow();
    const refusals = logger.lines.filter((line) => line.includes('refused'));
    expect(refusals.length).toBe(1);
    expect(refusals[0]).toContain('foreign-origin "https://evil.example/\\"\\\\\\u0009\\"INFO forged"');
  });
});
