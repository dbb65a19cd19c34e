/**
 * The realtime stack must stay at or above the releases that fixed its known
 * denial-of-service advisories (see docs/security.md for the list).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FIXED: Record<string, string> = {
  'socket.io': '4.8.4',
  'engine.io': '6.6.9', // GHSA-r635-g3xr-vw7x (polling connection exhaustion), CVE-2026-59725 (binary POST)
  'socket.io-parser': '4.2.7', // GHSA-677m-j7p3-52f9 (unbounded attachments), GHSA-2m8v-j782-fhvr
  ws: '8.21.0', // CVE-2026-48779 (tiny fragments), GHSA-58qx-3vcg-4xpx; CVE-2024-37890 (8.17.1)
};

function installed(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
  const a = version.split('-')[0]!.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
}

describe('dependencies', () => {
  it.each(Object.entries(FIXED))('%s is at or above %s, the release with the known fixes', (name, floor) => {
    expect(atLeast(installed(name), floor), `${name} ${installed(name)}`).toBe(true);
  });

  it('locks every copy of those packages in the server tree at a fixed version', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = path.split('node_modules/').pop()!;
      if (!(name in FIXED) || entry.dev) continue;
      expect(atLeast(entry.version ?? '0.0.0', FIXED[name]!), `${path} ${entry.version}`).toBe(true);
    }
  });
});
