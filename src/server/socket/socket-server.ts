/**
 * The Socket.IO server of duet on its HTTPS server, with every option in one place:
 * tutorial clients (EIO3) welcome, payloads capped just above the message limit, no
 * compression, pings from the limits, binary attachments capped, admission at the handshake.
 */
import type { Server as HttpsServer } from 'node:https';
import { Server } from 'socket.io';
import { Decoder, Encoder } from 'socket.io-parser';
import type { Limits } from '../config/config.js';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/events.js';
import type { IncomingMessage } from 'node:http';
import type { DuetServer } from './types.js';
import { MAX_BINARY_ATTACHMENTS } from './validate.js';

/** socket.io-parser refusing packets with more binary attachments than a relayed payload may carry. */
class LimitedDecoder extends Decoder {
  constructor() {
    super({ maxAttachments: MAX_BINARY_ATTACHMENTS });
  }
}

/** Engine.IO's check of each handshake request (admission's origin and connection checks). */
export type AllowRequest = (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => void;

export function createSocketServer(httpServer: HttpsServer, limits: Limits, allowRequest: AllowRequest): DuetServer {
  return new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    allowEIO3: true, // Socket.IO 2.x clients (the tutorial's)
    // a little above the payload limit, so an oversized message gets a clear error, not a dropped connection
    maxHttpBufferSize: limits.maxMessageBytes + 16 * 1024,
    perMessageDeflate: false, // no compression bombs, no per-connection zlib memory
    pingInterval: limits.pingIntervalMs,
    pingTimeout: limits.pingTimeoutMs,
    connectTimeout: 10_000, // an Engine.IO connection that never joins the namespace is closed
    parser: { Encoder, Decoder: LimitedDecoder },
    allowRequest,
    serveClient: true,
  });
}
