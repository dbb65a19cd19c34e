/**
 * The call session's folder (src/public/js/session/) stays free of the page:
 * no DOM globals and no imports from the views, local media or the string
 * tables' lookup, so another page (or Node) can use it as it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/public/js/session/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
/** Code without comments, so that prose about "the page" does not count. */
const code = (file: string) => readFileSync(dir + file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('the call session folder', () => {
  it('has modules to check', () => {
    expect(files).toContain('session.ts');
  });

  it.each(files)('%s touches no DOM global', (file) => {
    expect(code(file)).not.toMatch(/\b(document|window|HTML\w*Element|localStorage|navigator|location)\b/);
  });

  it.each(files)('%s imports nothing that draws or owns local devices', (file) => {
    const imports = [...code(file).matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((path) => /\.\.\/(view|media)\/|i18n\/i18n\.js/.test(path!))).toEqual([]);
  });
});
