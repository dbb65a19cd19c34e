/**
 * Routes for getting a device onto duet over the LAN: the CA downloads (also used
 * by the plain-HTTP helper), the `/api/lan` list of links and the `/setup` page.
 */
import { join } from 'node:path';
import { Router, type Response } from 'express';
import type { LanInfo } from '../../shared/api.js';
import { CA_CONTENT_TYPES, caDer, caMobileconfig } from './ca-files.js';
import { fingerprint } from './certs.js';

/**
 * Sends `body` as a Buffer, so that Express adds no charset to the type. The iOS
 * profile goes without Content-Disposition: Safari installs it by its type alone.
 */
function download(res: Response, type: string, filename: string | undefined, body: Buffer): void {
  res.status(200).set({ 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  if (filename) res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/** GET /ca.pem, /ca.crt (DER) and /ca.mobileconfig (iOS profile) for the CA in `caPem`. */
export function createCaRouter(caPem: string): Router {
  const pem = Buffer.from(caPem, 'utf8');
  const der = caDer(caPem);
  const profile = Buffer.from(caMobileconfig(caPem), 'utf8');
  const router = Router();
  router.get('/ca.pem', (_req, res) => download(res, CA_CONTENT_TYPES.pem, 'duet-ca.pem', pem));
  router.get('/ca.crt', (_req, res) => download(res, CA_CONTENT_TYPES.der, 'duet-ca.crt', der));
  router.get('/ca.mobileconfig', (_req, res) => download(res, CA_CONTENT_TYPES.mobileconfig, undefined, profile));
  return router;
}

export interface LanRouteOptions {
  publicDir: string;
  /** The CA's PEM; without it the CA downloads are not offered. */
  ca?: string;
  /** The current LAN links (asked on every request: addresses change). */
  lanUrls(): string[];
  /** The HOST setting when duet listens on loopback only, else null. */
  loopbackHost?(): string | null;
}

/** The CA downloads, GET /api/lan and GET /setup. */
export function createLanRouter(options: LanRouteOptions): Router {
  const router = Router();
  const caFingerprint = options.ca ? fingerprint(options.ca) : null;
  if (options.ca) router.use(createCaRouter(options.ca));
  router.get('/api/lan', (_req, res) => {
    const info: LanInfo = { urls: options.lanUrls(), caFingerprint, loopbackHost: options.loopbackHost?.() ?? null };
    res.set('Cache-Control', 'no-store').json(info);
  });
  router.get('/setup', (_req, res, next) => {
    res.sendFile(join(options.publicDir, 'setup.html'), (error) => (error ? next(error) : undefined));
  });
  return router;
}
