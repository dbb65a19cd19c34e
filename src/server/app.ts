/**
 * createServer: Express + HTTPS + Socket.IO on one port. Importing this module
 * does nothing; only `listen()` opens a port and `close()` stops everything.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events.js';
import { lanAddresses } from './certs.js';
import { lanUrls } from './lan.js';
import type { IceServer } from './config.js';
import type { Logger } from './logger.js';
import { createRoomState, type RoomState } from './rooms.js';
import { attachSignaling, type DuetServer } from './signaling.js';
import { MAX_MESSAGE_BYTES } from './validate.js';
import { createWebApp } from './web.js';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** STUN/TURN servers for browsers (GET /api/config); none by default. */
  readonly iceServers?: readonly IceServer[];
}

export interface ServerDeps {
  logger: Logger;
  /** PEM key and certificate chain for HTTPS. */
  tls: { key: string | Buffer; cert: string | Buffer };
  publicDir: string;
  /** PEM of the local CA, offered for download (/ca.pem, /ca.crt, /ca.mobileconfig). */
  ca?: string;
  /** The machine's LAN addresses, asked per request (default: the non-internal interfaces). */
  lanAddresses?: () => string[];
  rooms?: RoomState;
}

export interface DuetInstance {
  app: Express;
  httpServer: HttpsServer;
  io: DuetServer;
  rooms: RoomState;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/** Socket.IO's own limit is a little above the payload limit so that an oversized
 * message gets a clear error instead of a dropped connection. */
const ENGINE_BUFFER_BYTES = MAX_MESSAGE_BYTES + 16 * 1024;

export function createServer(config: ServerConfig, deps: ServerDeps): DuetInstance {
  const httpServer = createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert });
  const currentLanUrls = () => {
    const address = httpServer.address();
    if (!address || typeof address === 'string') return [];
    return lanUrls(config.host, address.port, (deps.lanAddresses ?? lanAddresses)());
  };
  const app = createWebApp({ publicDir: deps.publicDir, iceServers: config.iceServers ?? [], ca: deps.ca, lanUrls: currentLanUrls });
  httpServer.on('request', app); // before Socket.IO attaches, which wraps the request listeners
  const io: DuetServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    allowEIO3: true, // Socket.IO 2.x clients (the tutorial's)
    maxHttpBufferSize: ENGINE_BUFFER_BYTES,
    serveClient: true,
  });
  const rooms = deps.rooms ?? createRoomState();
  attachSignaling(io, { rooms, logger: deps.logger, maxMessageBytes: MAX_MESSAGE_BYTES });

  let listening = false;
  return {
    app,
    httpServer,
    io,
    rooms,
    listen() {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          listening = true;
          const { port } = httpServer.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          const shown = host.includes(':') ? `[${host}]` : host;
          resolve({ url: `https://${shown}:${port}`, port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        io.close(() => {
          listening = false;
          resolve();
        });
        httpServer.closeAllConnections();
        if (!listening) resolve();
      });
    },
  };
}
