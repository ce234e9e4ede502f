import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The rules the browser tests hold every page to: WCAG 2.1, levels A and AA. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page as it is now and expects no violation, labelled with `what`. It first lets every
 * running animation and transition end: a dialog that is still fading in has half-transparent text, and
 * axe would measure the contrast of a frame nobody reads.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // A spinner turns for ever: only animations that end are waited for.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect([what, summary]).toEqual([what, []]);
}
