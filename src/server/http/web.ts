/**
 * The Express app: the public folder (static files and listings inside it only)
 * and the page routes. Nothing outside `publicDir` is reachable.
 */
import { join } from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import serveIndex from 'serve-index';
import { securityHeaders } from './headers.js';
import { createLanRouter } from '../lan/lan-routes.js';
import type { IceServer, TurnConfig } from '../config/config.js';
import { sendNotFound } from './not-found.js';
import { addPageRoutes } from './pages.js';
import { healthRoutes, type Health } from '../health/health.js';

export interface WebOptions {
  /** Folder of built pages and assets. */
  publicDir: string;
  /** PEM of the local CA, offered at /ca.pem, /ca.crt and /ca.mobileconfig when given. */
  ca?: string;
  /** The current HTTPS links for other LAN devices (GET /api/lan). */
  lanUrls?: () => string[];
  /** The HOST setting when duet listens on loopback only, else null (GET /api/lan). */
  loopbackHost?: () => string | null;
  /** STUN/TURN servers for browsers, answered by GET /api/config. */
  iceServers?: readonly IceServer[];
  /** TURN relay and STUN servers added to GET /api/config. */
  turn?: TurnConfig;
  /** Answers GET /livez and /readyz when given. */
  health?: Health;
}

export function createWebApp(options: WebOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.use(securityHeaders());
  if (options.health) app.use(healthRoutes(options.health));
  app.use(createLanRouter({ publicDir: options.publicDir, ca: options.ca, lanUrls: options.lanUrls ?? (() => []), loopbackHost: options.loopbackHost }));
  addPageRoutes(app, { publicDir: options.publicDir, iceServers: options.iceServers ?? [], turn: options.turn });

  app.use(
    express.static(options.publicDir, {
      dotfiles: 'ignore',
      index: ['index.html'],
      redirect: true,
      fallthrough: true,
      setHeaders: (res, path) => {
        // the service worker and the manifest are checked again on every load, so an upgraded server is picked up at once
        if (/[\\/](sw\.js|manifest\.webmanifest)$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.use(serveIndex(options.publicDir, { hidden: false, icons: false }));

  app.get('/favicon.ico', (_req, res, next) => {
    res.type('image/svg+xml').sendFile(join(options.publicDir, 'favicon.svg'), (error) => (error ? next(error) : undefined));
  });

  app.use((_req, res) => sendNotFound(res, 'page'));

  const onError: ErrorRequestHandler = (err: { status?: number; statusCode?: number }, _req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    const code = status >= 400 && status < 500 ? status : 500;
    if (code === 404) return sendNotFound(res, 'page');
    res
      .status(code)
      .type('text/plain')
      .send(code === 403 ? 'Forbidden' : code === 404 ? 'Not found' : code < 500 ? 'Bad request' : 'Server error');
  };
  app.use(onError);
  return app;
}
