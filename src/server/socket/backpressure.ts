/**
 * Back-pressure on relays: a peer that stops reading must not make the server
 * buffer everything relayed to it. What waits to be written to one connection is
 * Engine.IO's write buffer (packets not yet handed to the transport: where a
 * polling client's messages wait for its next poll, and a websocket's while its
 * last write is pending) plus the WebSocket's own buffered bytes. Over the cap,
 * new relays to that peer are refused; a peer that stays over it is dropped.
 */

/** The parts of an Engine.IO connection this module reads (engine.io's `Socket`). */
export interface QueuedConnection {
  writeBuffer?: ReadonlyArray<{ data?: unknown }>;
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?(): void } };
  close(discard?: boolean): void;
}

/** Packets waiting in one write buffer count as congestion past this many, whatever their size. */
export const MAX_QUEUED_PACKETS = 1024;

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 16;
}

/** Bytes waiting for `conn`, counted only up to just past `cap` (so the cost stays bounded). */
export function queuedBytes(conn: QueuedConnection, cap = Infinity): number {
  const transport = conn.transport;
  let total = transport?.name === 'websocket' ? (transport.socket?.bufferedAmount ?? 0) : 0;
  const buffer = conn.writeBuffer ?? [];
  if (buffer.length > MAX_QUEUED_PACKETS) return Math.max(cap, total) + 1;
  for (const packet of buffer) {
    total += sizeOf(packet.data);
    if (total > cap) break;
  }
  return total;
}

export interface CongestionLimits {
  /** Bytes that may wait for one connection; past it, relays to it are refused. */
  readonly maxQueuedBytes: number;
  /** How long a connection may stay over the cap before it is dropped. */
  readonly graceMs: number;
}

/** ok: relay; congested: refuse this relay; stuck: refuse it and drop the peer. */
export type Congestion = 'ok' | 'congested' | 'stuck';

/** Per-peer memory of when it went over the cap (kept on the socket's own data). */
export interface CongestionState {
  congestedSince?: number;
}

export function checkCongestion(conn: QueuedConnection, state: CongestionState, limits: CongestionLimits, now: number): Congestion {
  if (queuedBytes(conn, limits.maxQueuedBytes) <= limits.maxQueuedBytes) {
    state.congestedSince = undefined;
    return 'ok';
  }
  state.congestedSince ??= now;
  return now - state.congestedSince >= limits.graceMs ? 'stuck' : 'congested';
}

/** Closes a connection now, discarding what it has queued (a graceful close would wait for it to drain). */
export function dropConnection(conn: QueuedConnection): void {
  conn.close(true);
  // the WebSocket's TCP socket, destroyed at once (the handshake request is not kept: see http/drop-request.ts)
  if (conn.transport?.name === 'websocket') conn.transport.socket?.terminate?.();
}
