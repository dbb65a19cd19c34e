/**
 * The folders' boundaries: the page imports nothing from the server, and src/shared imports
 * neither. (Files are split by concern, not by a line count: see STYLE.md section 9.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

/** Every module specifier in `import ... from '...'`, `export ... from '...'` and `import('...')`. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('the source folders', () => {
  it('keeps the page free of server imports', () => {
    const offending = sources('src/public').flatMap((file) =>
      specifiers(file)
        .filter((s) => s.includes('server/'))
        .map((s) => `${file}: ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps src/shared free of server and page imports', () => {
    const offending = sources('src/shared').flatMap((file) =>
      specifiers(file)
        .filter((s) => s.includes('server/') || s.includes('public/') || !s.startsWith('./'))
        .map((s) => `${file}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
