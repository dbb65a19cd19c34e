/**
 * The server's side of the event contract (src/shared/events.ts): the Socket.IO server and socket
 * typed with its event maps. Here rather than in src/shared, which imports no package.
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/events.js';

export type DuetServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DuetSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
