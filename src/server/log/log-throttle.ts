/**
 * A global cap on warning lines, in front of the logger: clients can provoke
 * warnings (refused events, floods), and must not be able to fill the disk or
 * slow everyone down with them. Lines over the cap are counted, and the count is
 * logged with the next warning that gets through (or by `flush`). No timers.
 */
import type { Logger } from './logger.js';
import { createBucket, type Clock } from '../limits/ratelimit.js';

/** Warning lines per second kept by default (bursts of as many). */
export const WARNINGS_PER_SECOND = 20;

export interface ThrottledLogger extends Logger {
  /** Warning lines dropped and not yet reported. */
  readonly suppressed: number;
  /** Logs how many lines were dropped since the last report, if any. */
  flush(): void;
}

export function throttleWarnings(logger: Logger, perSecond = WARNINGS_PER_SECOND, clock: Clock = Date.now): ThrottledLogger {
  const bucket = createBucket({ burst: perSecond, perSecond }, clock);
  let suppressed = 0;
  function flush(): void {
    if (suppressed === 0) return;
    logger.warn(`suppressed ${suppressed} warning lines (more than ${perSecond} per second)`);
    suppressed = 0;
  }
  return {
    debug: (m) => logger.debug(m),
    info: (m) => logger.info(m),
    error: (m) => logger.error(m),
    get debugEnabled() {
      return logger.debugEnabled;
    },
    warn(message) {
      if (!bucket.take()) {
        suppressed++;
        return;
      }
      flush();
      logger.warn(message);
    },
    get suppressed() {
      return suppressed;
    },
    flush,
  };
}
