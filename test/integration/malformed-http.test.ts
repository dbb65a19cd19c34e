/**
 * Malformed HTTP on both ports: the HTTPS port, the plain-HTTP
 * redirect that answers plain HTTP on that same port, and the plain-HTTP helper port.
 * Each bad request gets a 4xx or a closed connection, never a 5xx or a crash, and the
 * port keeps serving.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelperServer, type HelperInstance } from '../../src/server/http/helper.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { fetchOnce } from '../support/http.js';
import { startServer, type Running } from '../support/server.js';

let duet: Running;
let helper: HelperInstance;
let helperPort: number;

beforeAll(async () => {
  duet = await startServer();
  helper = createHelperServer({ port: 0, host: '127.0.0.1', httpsPort: duet.port }, { logger: silentLogger, ca: duet.ca });
  helperPort = Number(new URL((await helper.listen()).url).port);
});

afterAll(async () => {
  await helper?.close();
  await duet?.close();
});

type Port = 'https' | 'plain on the https port' | 'helper';

function open(port: Port): Socket {
  if (port === 'https') return connectTls({ host: '127.0.0.1', port: duet.port, ca: duet.ca, servername: 'localhost' });
  return connectTcp({ host: '127.0.0.1', port: port === 'helper' ? helperPort : duet.port });
}

/** Sends `payload` raw and collects the answer until the server closes or `ms` pass. */
function exchange(port: Port, payload: string | Buffer, ms = 3000): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = open(port);
    let text = '';
    const done = () => (clearTimeout(timer), socket.destroy(), ok(text));
    const timer = setTimeout(done, ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.once(port === 'https' ? 'secureConnect' : 'connect', () => socket.write(payload));
    socket.once('close', done);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? done() : (clearTimeout(timer), fail(error)),
    );
  });
}

async function stillServes(port: Port): Promise<void> {
  if (port === 'https') expect((await fetchOnce(`${duet.url}/api/lan`, { ca: duet.ca })).status).toBe(200);
  else
    expect((await fetchOnce(`http://127.0.0.1:${port === 'helper' ? helperPort : duet.port}/r/x`, { host: 'localhost' })).status).toBe(
      port === 'helper' ? 307 : 308,
    );
}

const HUGE = 'x'.repeat(100_000);
/** Broken before the request is complete: answered 4xx or closed. */
const BAD: Array<[string, string | Buffer]> = [
  ['a garbage request line', 'HELLO THERE\r\n\r\n'],
  ['an unknown method', 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
  ['a bad version', 'GET / HTTP/9.9\r\nHost: localhost\r\n\r\n'],
  ['huge headers', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${HUGE}\r\n\r\n`],
  ['a huge request line', `GET /${HUGE} HTTP/1.1\r\nHost: localhost\r\n\r\n`],
  ['thousands of headers', `GET / HTTP/1.1\r\nHost: localhost\r\n${'X-A: b\r\n'.repeat(5000)}\r\n`],
  ['chunked and content-length together', 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['a header without a colon', 'GET / HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n'],
  ['NUL bytes in the request line', Buffer.from('GET /\0\0 HTTP/1.1\r\nHost: localhost\r\n\r\n', 'latin1')],
  ['NUL bytes in a header', Buffer.from('GET / HTTP/1.1\r\nHost: local\0host\r\nX: \0\r\n\r\n', 'latin1')],
  ['bare LF line ends with a space before the colon', 'GET / HTTP/1.1\nHost : localhost\n\n'],
  ['binary noise', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256).filter((b) => b !== 0x16))],
];

/** Broken in the body (or oddly old): a port may answer the head first, but never with a 5xx. */
const BAD_BODY: Array<[string, string | Buffer]> = [
  ['bad chunked encoding', 'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'],
  ['a chunk size far too big', 'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nx\r\n'],
  ['a request line without a version', 'GET /\r\n\r\n'],
];

describe.each<Port>(['https', 'plain on the https port', 'helper'])('malformed HTTP on %s', (port) => {
  it.each(BAD)('answers %s with 4xx or a closed connection and keeps serving', async (_name, payload) => {
    const answer = await exchange(port, payload);
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.[01] 4\d\d /);
    await stillServes(port);
  });

  it.each(BAD_BODY)('answers %s without a 5xx and keeps serving', async (_name, payload) => {
    const answer = await exchange(port, payload);
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.[01] [1-4]\d\d /);
    expect(answer).not.toMatch(/HTTP\/1\.[01] 5\d\d /);
    await stillServes(port);
  });

  it('keeps serving while slowloris-style clients hold partial headers', async () => {
    const held = Array.from({ length: 20 }, () => open(port));
    try {
      await Promise.all(
        held.map(
          (socket) =>
            new Promise<void>((ok, fail) => {
              socket.once(port === 'https' ? 'secureConnect' : 'connect', () => (socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: '), ok()));
              socket.once('error', fail);
            }),
        ),
      );
      for (const socket of held) socket.write('a'); // one more byte, never the end of the headers
      await stillServes(port);
    } finally {
      for (const socket of held) socket.destroy();
    }
  }, 20_000);
});
