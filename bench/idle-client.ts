/**
 * An idle-connection client process: opens many WSS connections that then sit
 * idle (answering only the server's keep-alive pings). Commands: open, close.
 */
import { Agent } from 'node:https';
import { now } from './payloads.js';
import { serve } from './rpc.js';
import { openSeat, type Kind, type Seat } from './wire.js';

interface OpenArgs {
  kind: Kind;
  port: number;
  ca: string;
  count: number;
  concurrency: number;
  prefix: string;
  /** Stop starting new connections after this many ms. */
  budgetMs: number;
}

let seats: Seat[] = [];
/** Resumes the TLS session of the first connection, so the rate measures the servers, not RSA signatures. */
const agent = new Agent({ keepAlive: false, maxCachedSessions: 16 });

async function open(args: OpenArgs): Promise<{ opened: number; failed: number; ms: number; firstError?: string }> {
  const t0 = now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < args.count && now() - t0 < args.budgetMs) {
      const i = next++;
      try {
        seats.push(await openSeat({ kind: args.kind, port: args.port, ca: args.ca, room: `${args.prefix}${i}`, seat: 'a', idle: true, agent }));
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  return { opened: seats.length, failed, ms: now() - t0, firstError };
}

function close(): void {
  for (const seat of seats) seat.socket.terminate();
  seats = [];
}

serve({ open, close }, { pid: process.pid });
