/**
 * createHelperServer: the plain-HTTP helper port. It serves the CA downloads (a
 * device must fetch the CA before it can trust HTTPS) and redirects everything
 * else to the same host on the HTTPS port. Importing this module does nothing;
 * only `listen()` opens a port and `close()` stops it.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { capConnections } from '../admission/connection-caps.js';
import { createCaRouter } from '../lan/lan-routes.js';
import { isCaPath, localUrl, redirectLocation } from '../lan/lan.js';
import { listenDualStack } from './listen.js';
import type { Logger } from '../log/logger.js';

export interface HelperConfig {
  /** Plain-HTTP port; 0 picks a free one (main.ts does not start the helper when HTTP_PORT=0). */
  readonly port: number;
  readonly host: string;
  /** Where redirects point: the HTTPS port of the duet server. */
  readonly httpsPort: number;
  /** Open connections allowed at once (0 or left out: no cap). */
  readonly maxConnections?: number;
}

export interface HelperDeps {
  logger: Logger;
  /** PEM of the local CA offered for download. */
  ca: string;
}

export interface HelperInstance {
  app: Express;
  httpServer: HttpServer;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export function createHelperApp(config: Pick<HelperConfig, 'httpsPort'>, deps: HelperDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    if (isCaPath(req.url)) return next();
    const location = redirectLocation(req.headers.host, req.originalUrl, config.httpsPort);
    if (!location) {
      res.status(400).type('text/plain').send('Bad request: missing or invalid Host header');
      return;
    }
    res.redirect(307, location);
  });
  app.use(createCaRouter(deps.ca));
  app.use((_req, res) => {
    res.status(405).set('Allow', 'GET, HEAD').type('text/plain').send('Method not allowed');
  });
  return app;
}

export function createHelperServer(config: HelperConfig, deps: HelperDeps): HelperInstance {
  const app = createHelperApp(config, deps);
  const httpServer = createHttpServer(app);
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  httpServer.timeout = 10_000; // a connection idle for 10 s (one that never sends a request too) is closed
  capConnections(httpServer, config.maxConnections ?? 0, deps.logger, 'HTTP helper port');
  return {
    app,
    httpServer,
    listen() {
      return listenDualStack(httpServer, config.port, config.host).then(({ address, port }) => {
        deps.logger.debug(`HTTP helper listening on port ${port}`);
        return { url: localUrl('http', address, port), port };
      });
    },
    close() {
      return new Promise((resolve) => {
        if (!httpServer.listening) return resolve();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
