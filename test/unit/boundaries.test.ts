/**
 * The folders' boundaries (issue 11): the page imports nothing from the server,
 * src/shared imports neither, and no server, shared or page file grows past 200 lines.
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

  it('keeps every server, shared and page file at 200 lines or fewer', () => {
    const long = [...sources('src/server'), ...sources('src/shared'), ...sources('src/public')]
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 200);
    expect(long).toEqual([]);
  });
});
