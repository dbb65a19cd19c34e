/**
 * Liveness and readiness for load balancers and orchestrators: GET /livez answers
 * 200 while the process serves HTTP at all; GET /readyz answers 200 while it can
 * take new calls and 503 while it drains at shutdown or while any registered
 * readiness check fails (the shared store unreachable, say), naming the failing
 * checks. No state but the checks; importing does nothing.
 */
import { Router } from 'express';

/** True while the thing it checks is usable; a check that throws counts as failing. */
export type ReadinessCheck = () => boolean;

export interface Health {
  /** Registers a check by `name` (1-32 of a-z, 0-9, "-"); throws on a bad or repeated name. */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  /** Names of what keeps the server from taking new calls: "draining" and failing checks. */
  failing(): string[];
}

const CHECK_NAME = /^[a-z0-9-]{1,32}$/;

/** `draining` tells whether shutdown has begun. */
export function createHealth(draining: () => boolean): Health {
  const checks = new Map<string, ReadinessCheck>();
  return {
    addReadinessCheck(name, check) {
      if (!CHECK_NAME.test(name) || name === 'draining') throw new Error(`readiness check names are 1-32 of a-z, 0-9 and "-", got ${JSON.stringify(name)}`);
      if (checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
      checks.set(name, check);
    },
    failing() {
      const failing = draining() ? ['draining'] : [];
      for (const [name, check] of checks) if (!passes(check)) failing.push(name);
      return failing;
    },
  };
}

function passes(check: ReadinessCheck): boolean {
  try {
    return check() === true;
  } catch {
    return false;
  }
}

/** GET (and HEAD) /livez and /readyz: small JSON, never cached. */
export function healthRoutes(health: Health): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ alive: true });
  });
  router.get('/readyz', (_req, res) => {
    const failing = health.failing();
    res.set('Cache-Control', 'no-store');
    if (failing.length === 0) res.json({ ready: true });
    else res.status(503).json({ ready: false, failing });
  });
  return router;
}
