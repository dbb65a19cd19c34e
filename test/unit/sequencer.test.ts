import { describe, expect, it } from 'vitest';
import { arrange, spreadEvenly } from '../support/sequencer.js';

describe('the order test files start in', () => {
  it('spreads lists evenly, each in its own order', () => {
    expect(spreadEvenly(['a1', 'a2'], ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'])).toEqual(['b1', 'a1', 'b2', 'b3', 'b4', 'a2', 'b5', 'b6']);
    expect(spreadEvenly([], ['b1'])).toEqual(['b1']);
  });

  it('starts the slow set-ups, spreads Chromium among the waiting files and ends with the unit files', () => {
    const files = [
      '/d/test/unit/big.test.ts',
      '/d/test/browser/call.browser.test.ts',
      '/d/test/integration/flood.test.ts',
      '/d/test/lan/thin-link-netns.test.ts',
      '/d/test/process/npm-start.test.ts',
      '/d/test/browser/page.browser.test.ts',
      '/d/test/browsers/firefox-chromium.test.ts',
      '/d/test/unit/small.test.ts',
      '/d/test/redis/two-nodes.test.ts',
      '/d/test/browser/keyboard.browser.test.ts',
    ];
    expect(arrange(files, (file) => file).map((file) => file.replace('/d/test/', ''))).toEqual([
      'lan/thin-link-netns.test.ts',
      'browsers/firefox-chromium.test.ts',
      'browser/call.browser.test.ts',
      'integration/flood.test.ts',
      'browser/page.browser.test.ts',
      'process/npm-start.test.ts',
      'browser/keyboard.browser.test.ts',
      'redis/two-nodes.test.ts',
      'unit/big.test.ts',
      'unit/small.test.ts',
    ]);
  });
});
