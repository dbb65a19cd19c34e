/**
 * Security headers for every page and asset: helmet with a content security
 * policy that allows exactly what the call page needs (its own scripts, styles
 * and images, blob:/mediastream: media, data: images for QR codes, and the
 * Socket.IO connection back to the same host), HSTS, and no x-powered-by.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { ownOrigin } from '../admission/origin.js';

/** The page's own host as `https:` or `wss:` (browsers before CSP 3 do not let 'self' cover wss:). */
function own(scheme: 'https' | 'wss') {
  return (req: IncomingMessage): string => {
    const origin = ownOrigin(req.headers.host);
    return origin ? origin.replace(/^https:/, `${scheme}:`) : "'self'";
  };
}

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"], // WebAssembly (blur's segmentation, the denoiser), never eval
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  mediaSrc: ["'self'", 'blob:', 'mediastream:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", own('https'), own('wss')],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
  upgradeInsecureRequests: [],
} as const;

/** Camera, microphone and screen sharing for this origin only; nothing else powerful. */
const PERMISSIONS_POLICY =
  'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), autoplay=(self), ' + 'geolocation=(), payment=(), usb=(), serial=()';

export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as never },
      strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: 'deny' },
      xPoweredBy: true,
    }),
    (_req, res, next) => {
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      next();
    },
  ];
}
