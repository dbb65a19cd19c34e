/**
 * The documentation's references lead somewhere: every relative Markdown link names a file
 * that exists (and a heading in it, when it has an #anchor), the scripts' "see README, …"
 * name a real heading, every test file a page names in `code` exists, and no page cites an
 * issue number readers cannot look up.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\-_ ]/gu, '')
    .replace(/ /g, '-');
}

function anchors(page: string): Set<string> {
  const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

function links(page: string): string[] {
  const text = readFileSync(page, 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
}

describe('the documentation', () => {
  it.each(pages)('%s links only to files and headings that exist', (page) => {
    expect(existsSync(page)).toBe(true);
    const broken = links(page).filter((target) => {
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const path = file === '' ? page : join(dirname(page), file);
      if (!existsSync(path)) return true;
      return anchor !== undefined && path.endsWith('.md') && !anchors(path).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it.each(pages)('%s names only test files that exist', (page) => {
    const named = [...readFileSync(page, 'utf8').matchAll(/`(test\/[\w./*-]+\.ts)`/g)].map((m) => m[1]!);
    const missing = named.filter((path) => {
      if (!path.includes('*')) return !existsSync(path);
      const [folder, pattern] = [
        dirname(path),
        new RegExp(
          `^${path
            .slice(dirname(path).length + 1)
            .replace(/[.]/g, '\\.')
            .replace(/\*/g, '.*')}$`,
        ),
      ];
      return !existsSync(folder) || !readdirSync(folder).some((f) => pattern.test(f));
    });
    expect(missing).toEqual([]);
  });

  it.each(pages)('%s cites no issue numbers', (page) => {
    expect(readFileSync(page, 'utf8').match(/\bissues? #?\d+/gi) ?? []).toEqual([]);
  });

  it('the scripts point to README headings that exist', () => {
    const readme = anchors('README.md');
    const cited = readdirSync('scripts').flatMap((f) => [...readFileSync(join('scripts', f), 'utf8').matchAll(/README, \\?"([^"\\]+)\\?"/g)].map((m) => m[1]!));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((heading) => !readme.has(slug(heading)))).toEqual([]);
  });
});
