/**
 * An accessibility audit as an auditor runs it: axe-core (put into the page from node_modules:
 * nothing is downloaded) with the WCAG 2.0, 2.1 and 2.2 A and AA rules, on a page as it stands,
 * in English and Chinese and at desktop and phone sizes.
 */
import axe, { type RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { PHONE_VIEWPORT } from './browser.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export const DESKTOP_VIEWPORT = { width: 1280, height: 800 } as const;

export type PageLang = 'en' | 'zh';

/** One problem axe found: where (label, language, size), which rule, and the elements. */
export interface Finding {
  where: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** What axe is asked: the WCAG A and AA rules, and full details only of what they find. */
const RUN_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: [...WCAG_TAGS] }, resultTypes: ['violations'] };

/**
 * Puts axe-core into the page's document unless an earlier run there already did: sending and
 * compiling its 650 kB costs several runs' time. A navigation starts a new document without it.
 */
async function putAxeInDocument(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function');
  if (!present) await page.evaluate(axe.source);
}

/** Runs axe once on `page` as it is now; `where` names the state in what it returns. */
export async function axeOnce(page: Page, where: string): Promise<Finding[]> {
  await putAxeInDocument(page);
  // axe.run on the whole document in the page itself (duet's pages have no frames), one round trip
  const violations = await page.evaluate(
    async (options) => (await (window as unknown as { axe: typeof axe }).axe.run(document, options)).violations,
    RUN_OPTIONS,
  );
  return violations.map((v) => ({
    where,
    rule: v.id,
    impact: v.impact ?? '',
    targets: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
  }));
}

/**
 * Switches a duet page's language the way a person does: /setup has its two buttons, every other
 * page its language `<select>` (changed from script, since on a phone in a call the top bar with the
 * select is out of sight).
 */
export async function setPageLang(page: Page, lang: PageLang): Promise<void> {
  const switched = await page.evaluate((next) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-set-lang="${next === 'zh' ? 'zh-Hans' : 'en'}"]`);
    if (button) {
      button.click();
      return true;
    }
    const select = document.querySelector<HTMLSelectElement>('#lang');
    if (!select) return false;
    select.value = next;
    select.dispatchEvent(new Event('change'));
    return true;
  }, lang);
  if (!switched) throw new Error(`no language switch on ${page.url()}`);
  const want = lang === 'zh' ? /^zh/ : /^en/;
  await page.waitForFunction((source) => new RegExp(source).test(document.documentElement.lang || document.documentElement.dataset.lang || ''), want.source);
}

/**
 * Runs `look` on the one state `page` is in, in both languages and at both sizes (switched in
 * place), then leaves the page in English at desktop size.
 */
export async function inEachLangAndSize(page: Page, look: (lang: PageLang, size: 'desktop' | 'phone') => Promise<void>): Promise<void> {
  for (const lang of ['en', 'zh'] as const) {
    await setPageLang(page, lang);
    for (const [size, viewport] of [
      ['desktop', DESKTOP_VIEWPORT],
      ['phone', PHONE_VIEWPORT],
    ] as const) {
      await page.setViewportSize(viewport);
      await look(lang, size);
    }
  }
  await setPageLang(page, 'en');
  await page.setViewportSize(DESKTOP_VIEWPORT);
}

/** axe on `page` in both languages and at both sizes (four runs, on the one state the page is in). Returns every finding. */
export async function audit(page: Page, label: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  await inEachLangAndSize(page, async (lang, size) => void findings.push(...(await axeOnce(page, `${label} (${lang}, ${size})`))));
  return findings;
}

/** Findings as lines a failing test prints. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.where}: ${f.rule} (${f.impact})\n    ${f.targets.join('\n    ')}`).join('\n');
}
