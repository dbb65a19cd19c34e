/**
 * createMetricsServer: GET /metrics in Prometheus text format on a plain-HTTP port
 * of its own (METRICS_PORT, bound to METRICS_HOST), apart from the public HTTPS
 * port. Everything else answers 404. Importing this module does nothing; only
 * `listen()` opens the port and `close()` stops it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { capConnections } from '../admission/connection-caps.js';
import { localUrl } from '../lan/lan.js';
import type { Logger } from '../log/logger.js';
import { listenDualStack } from './listen.js';

export interface MetricsServerConfig {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host: string;
}

export interface MetricsServerDeps {
  registry: Registry;
  logger: Logger;
}

export interface MetricsServer {
  httpServer: HttpServer;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/** Scrapers need few connections; anything beyond is refused. */
const MAX_CONNECTIONS = 32;

export function createMetricsServer(config: MetricsServerConfig, deps: MetricsServerDeps): MetricsServer {
  function answer(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed\n');
      return;
    }
    deps.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': deps.registry.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        deps.logger.error(`collecting metrics failed: ${String(error).slice(0, 200)}`);
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Collecting metrics failed\n');
      },
    );
  }

  const httpServer = createHttpServer(answer);
  httpServer.requestTimeout = 10_000;
  httpServer.headersTimeout = 5_000;
  httpServer.timeout = 30_000;
  capConnections(httpServer, MAX_CONNECTIONS, deps.logger, 'metrics port');
  return {
    httpServer,
    listen() {
      return listenDualStack(httpServer, config.port, config.host).then(({ address, port }) => ({ url: `${localUrl('http', address, port)}/metrics`, port }));
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
