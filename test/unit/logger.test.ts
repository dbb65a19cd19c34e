import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog4jsLogger } from '../../src/server/log/logger.js';

describe('log4js logger', () => {
  it('also writes to a log file in LOG_DIR when one is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-logs-'));
    try {
      const logger = createLog4jsLogger({ level: 'info', dir });
      logger.debug('too quiet to appear');
      logger.info('join abc room "kitchen" (1/2)');
      await logger.shutdown();
      const text = readFileSync(join(dir, 'duet.log'), 'utf8');
      expect(text).toContain('[INFO] duet - join abc room "kitchen" (1/2)');
      expect(text).not.toContain('too quiet');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
