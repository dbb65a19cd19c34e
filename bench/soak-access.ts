/**
 * Red-team round 3, the access attacks, each bounded in count and time and sent from loopback
 * only (127.x.y.z source addresses standing in for hosts). Each returns figures; none asserts.
 * - credential farming: one address collects TURN credentials for 20 s, through GET /api/config
 *   (without the access code) and over the socket (with it);
 * - distributed guessing: 250 addresses guess a code whose unknown part is 4 digits, sending
 *   CONNECT packets back to back on raw connections, for up to 40 s.
 */
import { Agent, request } from 'node:https';
import { io, type Socket } from 'socket.io-client';
import { guessOnOneConnection } from '../test/support/raw-guess.js';
import type { Child } from './soak-child.js';
import type { Figures } from './soak-attacks.js';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The code the child runs with: 4 digits where the server takes them, else 8 whose first 4 the attacker knows. */
export const GUESSED_DIGITS = '7391';
export const SHORT_CODE = GUESSED_DIGITS;
export const LONG_CODE = `0000${GUESSED_DIGITS}`;
export const TURN_ENV = { TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'soak-turn-secret-0123456789' };
/** coturn's limits in the file `npm run turn-config` prints: allocations per credential and in total. */
const USER_QUOTA = 12;
const TOTAL_QUOTA = 200;

function getConfig(agent: Agent, port: number): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/config', agent, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => ok(text));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', fail);
    req.end();
  });
}

function connect(child: Child, localAddress: string, code: string): Promise<Socket | undefined> {
  const socket = io(`https://127.0.0.1:${child.port}`, {
    ca: child.ca,
    localAddress,
    auth: { code },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  } as never);
  return new Promise((ok) => {
    const timer = setTimeout(() => (socket.close(), ok(undefined)), 10_000);
    socket.once('connect', () => (clearTimeout(timer), ok(socket)));
    socket.once('connect_error', () => (clearTimeout(timer), socket.close(), ok(undefined)));
  });
}

/** Credential farming from one address for `seconds`, with and without the access code. */
export async function attackCredentialFarming(child: Child, code: string, seconds = 20): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: child.ca, localAddress: '127.0.20.1' });
  let viaHttp = 0;
  let started = Date.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() - started < seconds * 1000 && child.alive()) {
        const text = await getConfig(agent, child.port).catch(() => '');
        if (text.includes('"username"')) viaHttp++;
      }
    }),
  );
  agent.destroy();
  const withoutCode = await connect(child, '127.0.20.2', 'not-the-code');
  withoutCode?.close();
  let viaSocket = 0;
  let refused = 0;
  let unanswered = 0;
  started = Date.now();
  while (Date.now() - started < seconds * 1000 && child.alive() && unanswered === 0) {
    const socket = await connect(child, '127.0.20.3', code); // a fresh connection each time: a fresh socket budget
    if (!socket) break;
    for (let i = 0; i < 10 && unanswered === 0; i++) {
      const reply = (await socket
        .timeout(2000)
        .emitWithAck('turn-credentials')
        .catch(() => undefined)) as { ok?: boolean } | undefined;
      if (reply === undefined) unanswered++;
      else if (reply.ok) viaSocket++;
      else refused++;
    }
    socket.close();
  }
  const most = Math.max(viaHttp, viaSocket);
  return {
    'credentials from GET /api/config, no code, 1 address, 20 s': viaHttp,
    'a connection without the code': withoutCode ? 'accepted' : 'refused',
    'credentials over the socket, with the code, 1 address, 20 s': unanswered > 0 && viaSocket === 0 ? 'no such request' : viaSocket,
    'socket requests refused rate-limited': refused,
    [`credentials that fill coturn's total-quota (${TOTAL_QUOTA}/${USER_QUOTA})`]: Math.ceil(TOTAL_QUOTA / USER_QUOTA),
    'one address can fill total-quota': most >= Math.ceil(TOTAL_QUOTA / USER_QUOTA),
    survived: child.alive(),
  };
}

/** Distributed guessing: `addresses` hosts guess 10,000 codes (the unknown 4 digits) for up to `limitS` seconds. */
export async function attackDistributedGuessing(child: Child, code: string, addresses = 250, limitS = 40): Promise<Figures> {
  const prefix = code.slice(0, code.length - 4);
  const queue = Array.from({ length: 10_000 }, (_, i) => `${prefix}${String((i * 7919) % 10_000).padStart(4, '0')}`);
  let compared = 0;
  let unread = 0;
  let foundAt: number | undefined;
  const started = Date.now();
  const running = () => foundAt === undefined && Date.now() - started < limitS * 1000 && child.alive() && queue.length > 0;
  await Promise.all(
    Array.from({ length: addresses }, async (_, a) => {
      const localAddress = `127.0.${30 + Math.floor(a / 250)}.${(a % 250) + 1}`;
      while (running()) {
        const codes = queue.splice(0, 10);
        const run = await guessOnOneConnection(child.port, child.ca, codes, localAddress).catch(() => ({ answers: [] as string[], closed: true }));
        codes.forEach((guess, i) => {
          const answer = run.answers[i];
          if (answer === 'connected') foundAt ??= Date.now();
          else if (answer === 'access-denied') compared++;
          else queue.push(guess); // refused unread or never sent: still to try
          if (answer !== undefined && answer !== 'connected' && answer !== 'access-denied') unread++;
        });
        if (run.answers.every((answer) => answer !== 'access-denied')) await sleep(1000);
      }
    }),
  );
  const seconds = ((foundAt ?? Date.now()) - started) / 1000;
  const stranger = await connect(child, '127.0.40.1', code);
  stranger?.close();
  return {
    'codes compared (answered access-denied)': compared,
    'guesses refused unread (rate-limited)': unread,
    'compared per minute': Math.round((compared / seconds) * 60),
    'found the code': foundAt !== undefined,
    seconds: Math.round(seconds * 10) / 10,
    'a new address with the right code, just after': stranger ? 'connected' : 'refused',
    survived: child.alive(),
  };
}
