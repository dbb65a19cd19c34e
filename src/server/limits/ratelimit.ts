/**
 * Token buckets with an injectable clock, and no I/O or timers: a bucket refills
 * lazily whenever it is asked. Used for per-socket and per-address limits.
 */

/** Milliseconds since some fixed point; `Date.now` in production, a counter in tests. */
export type Clock = () => number;

export interface BucketSpec {
  /** Tokens available at once (the largest burst). */
  readonly burst: number;
  /** Tokens added back per second, up to `burst`. */
  readonly perSecond: number;
}

export interface TokenBucket {
  /** Takes `n` tokens if there are that many; false (and nothing taken) otherwise. */
  take(n?: number): boolean;
  /** Tokens available now. */
  level(): number;
  /** True when the bucket has refilled completely (nothing to remember about its past). */
  full(): boolean;
}

export function createBucket(spec: BucketSpec, clock: Clock): TokenBucket {
  let tokens = spec.burst;
  let last = clock();

  function refill(): void {
    const now = clock();
    const elapsed = Math.max(0, now - last); // a clock that steps back never adds tokens
    last = now;
    tokens = Math.min(spec.burst, tokens + (elapsed / 1000) * spec.perSecond);
  }

  return {
    take(n = 1) {
      refill();
      if (tokens < n) return false;
      tokens -= n;
      return true;
    },
    level() {
      refill();
      return tokens;
    },
    full() {
      return this.level() >= spec.burst;
    },
  };
}

/** A bucket per key, created on first use; `prune` forgets keys whose buckets are full again. */
export interface KeyedBuckets {
  take(key: string, n?: number): boolean;
  delete(key: string): void;
  isFull(key: string): boolean;
  prune(keep?: (key: string) => boolean): void;
  readonly size: number;
}

export function createKeyedBuckets(spec: BucketSpec, clock: Clock): KeyedBuckets {
  const buckets = new Map<string, TokenBucket>();
  return {
    take(key, n = 1) {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = createBucket(spec, clock)));
      return bucket.take(n);
    },
    delete(key) {
      buckets.delete(key);
    },
    isFull(key) {
      return buckets.get(key)?.full() ?? true;
    },
    prune(keep = () => false) {
      for (const [key, bucket] of buckets) if (!keep(key) && bucket.full()) buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}
