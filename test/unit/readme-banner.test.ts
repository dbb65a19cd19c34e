/**
 * The example banner in README.md is what duet really prints for those addresses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startupBanner } from '../../src/server/lan/banner.js';

describe('the README', () => {
  it('shows the start-up banner as duet prints it', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /```\n(duet is running\.[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const real = await startupBanner({
      localUrl: 'https://localhost:8443',
      lanUrls: ['https://192.168.1.20:8443', 'https://[fd00::2]:8443'],
      helperUrl: 'http://192.168.1.20:8080',
      caPath: '/home/you/duet/certs/ca.pem',
      caFingerprint: '2A:FC:6E:30:9D:8E:70:A8:12:07:62:3A:92:A5:9D:83:30:BD:CE:E0:18:D0:A8:1E:7F:51:2B:44:17:78:2D:07',
    });
    const realLines = real.split('\n').filter((line) => !/[▀▄█]/.test(line) && line.trim() !== '');
    const shownLines = example!.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '(a QR code)');
    expect(shownLines.map((line) => line.replace(/…:2D:07$/, ''))).toEqual(
      realLines.map((line) => (line.startsWith('CA fingerprint') ? line.slice(0, 'CA fingerprint (SHA-256): 2A:FC:6E:30:'.length) : line)),
    );
  });
});
