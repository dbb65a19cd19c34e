/**
 * The budget of answers that reveal who is online when DIRECTORY=off (people/probes.ts): token
 * buckets per client address and one for the whole server. The server-wide bucket caps what many
 * addresses together learn; a person signing in or calling now and then never comes near either.
 */
import type { ProbePacer } from '../people/probes.js';
import { createBucket, createKeyedBuckets, type BucketSpec, type Clock } from '../limits/ratelimit.js';

/** Per address: 10 at once, then one every 6 s. */
export const PROBES_PER_ADDRESS: BucketSpec = { burst: 10, perSecond: 1 / 6 };
/** The whole server: 60 at once, then 2 a second. */
export const PROBES_PER_SERVER: BucketSpec = { burst: 60, perSecond: 2 };
/** Forget addresses whose buckets are full again once this many are remembered. */
const PRUNE_ABOVE = 1024;

export function createProbePacer(clock: Clock, perAddress = PROBES_PER_ADDRESS, perServer = PROBES_PER_SERVER): ProbePacer {
  const addresses = createKeyedBuckets(perAddress, clock);
  const server = createBucket(perServer, clock);
  return {
    allow(address) {
      if (addresses.size > PRUNE_ABOVE) addresses.prune();
      // the address first: one address spending its own budget leaves the server's to others
      return addresses.take(address) && server.take();
    },
  };
}
