/**
 * An accessibility audit as an auditor runs it: axe-core (through @axe-core/playwright, which
 * injects axe from node_modules: nothing is downloaded) with the WCAG 2.0, 2.1 and 2.2 A and AA
 * rules, on a page as it stands, in English and Chinese and at desktop and phone sizes.
 */
import { AxeBuilder } from '@axe-core/playwright';
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

/** Runs axe once on `page` as it is now; `where` names the state in what it returns. */
export async function axeOnce(page: Page, where: string): Promise<Finding[]> {
  // legacy mode: axe.run in the page itself; the default mode opens a blank page per run to merge
  // the frames' results, and duet's pages have no frames
  const result = await new AxeBuilder({ page })
    .withTags([...WCAG_TAGS])
    .setLegacyMode()
    .analyze();
  return result.violations.map((v) => ({
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
