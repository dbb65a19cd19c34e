/**
 * Page routes: the room link `/r/<room>`, /check, /people (call someone by name), the tutorial-style `room.html?room=<room>`
 * redirect, the configuration the page fetches, and a readable page for bad room names.
 */
import { join } from 'node:path';
import type { Express, Request, Response } from 'express';
import type { IceServer, TurnConfig } from '../config/config.js';
import { sendNotFound } from './not-found.js';
import { clientConfig } from '../turn/client-config.js';
import { isRoomName } from '../../shared/room-name.js';

export interface PageOptions {
  publicDir: string;
  iceServers: readonly IceServer[];
  turn?: TurnConfig;
}

/** What `GET /api/config` answers; the browser builds its RTCPeerConnection from it. */
export type { ClientConfig } from '../../shared/api.js';

function sendBadRoom(res: Response): void {
  sendNotFound(res, 'room');
}

export function roomPath(room: string): string {
  return `/r/${encodeURIComponent(room)}`;
}

export function addPageRoutes(app: Express, options: PageOptions): void {
  const roomHtml = join(options.publicDir, 'room.html');
  const checkHtml = join(options.publicDir, 'check.html');
  const peopleHtml = join(options.publicDir, 'people.html');

  app.get('/api/config', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(clientConfig(options.iceServers, options.turn));
  });

  for (const [path, file] of [
    ['/check', checkHtml],
    ['/people', peopleHtml],
  ] as const) {
    app.get(path, (_req, res, next) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(file, (error) => {
        if (error) next(error);
      });
    });
  }

  app.get('/r/:room', (req: Request<{ room: string }>, res, next) => {
    const { room } = req.params;
    if (!isRoomName(room)) return sendBadRoom(res);
    res.set('Cache-Control', 'no-cache');
    res.sendFile(roomHtml, (error) => {
      if (error) next(error);
    });
  });

  app.get('/r', (_req, res) => res.redirect(302, '/'));

  app.get('/room.html', (req, res) => {
    const room = req.query.room;
    if (room === undefined) return res.redirect(302, '/');
    if (!isRoomName(room)) return sendBadRoom(res);
    res.redirect(302, roomPath(room));
  });
}
