/**
 * The call session's folder (src/public/js/session/) and the people page's controller
 * (src/public/js/people/) stay free of the page: no DOM globals and no imports from the views,
 * local media or the string tables' lookup, so another page (or Node) can use them as they are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/public/js/', import.meta.url));
const files = ['session/', 'people/'].flatMap((dir) =>
  readdirSync(root + dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => dir + f),
);
/** Code without comments, so that prose about "the page" does not count. */
const code = (file: string) =>
  readFileSync(root + file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

describe('the call session folder', () => {
  it('has modules to check', () => {
    expect(files).toContain('session/session.ts');
    expect(files).toContain('people/controller.ts');
  });

  it.each(files)('%s touches no DOM global', (file) => {
    expect(code(file)).not.toMatch(/\b(document|window|HTML\w*Element|localStorage|sessionStorage|navigator|location)\b/);
  });

  it.each(files)('%s imports nothing that draws or owns local devices', (file) => {
    const imports = [...code(file).matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((path) => /\.\.\/(view|media)\/|i18n\/i18n\.js/.test(path!))).toEqual([]);
  });
});
