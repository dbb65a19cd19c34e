/**
 * The folders' boundaries: the page imports nothing from the server, src/shared imports
 * neither, and the folders of src/server and of the page form layers (an import between two
 * folders points one way; no circle of folders). Files are split by concern, not by a line
 * count: see STYLE.md section 9.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/** Which folder of `root` imports which (files directly in `root` are the composition and left out). */
function folderImports(root: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const folderOf = (file: string) => {
    const parts = relative(root, file).split('/');
    return parts.length > 1 && !parts[0]!.startsWith('..') ? parts[0] : undefined;
  };
  for (const file of sources(root)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const spec of specifiers(file).filter((s) => s.startsWith('.'))) {
      const to = folderOf(resolve(dirname(file), spec));
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** Every circle of folders, each as the path that closes it (`a -> b -> a`). */
function folderCircles(root: string): string[] {
  const edges = folderImports(root);
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (folder: string, path: string[]) => {
    if (path.includes(folder)) return void circles.push([...path.slice(path.indexOf(folder)), folder].join(' -> '));
    if (done.has(folder)) return;
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
    done.add(folder);
  };
  for (const folder of edges.keys()) visit(folder, []);
  return circles;
}

describe('the source folders', () => {
  it('finds a circle of folders when there is one', () => {
    expect(folderCircles('test/unit/fixtures/folder-circle')).toEqual(['a -> b -> a']);
  });

  it('keeps the folders of src/server in layers, with no circle', () => {
    expect(folderCircles('src/server')).toEqual([]);
  });

  it("keeps the page's folders in layers, with no circle", () => {
    expect(folderCircles('src/public/js')).toEqual([]);
  });

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
