import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: what the product promises for every page a person uses. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Best practices beyond WCAG that a screen-reader user navigates by: headings that do not skip
 * a level, and one main landmark. An explicit rule runs even outside the tags (axe's rule options).
 */
const BEST_PRACTICES = ['heading-order', 'landmark-one-main', 'page-has-heading-one'];

/** One line per violation, naming the rule and the elements, so a failure says what to fix. */
export interface AxeFinding {
  screen: string;
  rule: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now (a dialog open, a call running) and fails the test
 * with every violation found. Legacy mode runs axe in the page itself: no helper page is
 * opened in the browser context, which tests that count pages or sessions would see.
 */
export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const rules = Object.fromEntries(BEST_PRACTICES.map((rule) => [rule, { enabled: true }]));
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: WCAG_21_AA }, rules })
    .setLegacyMode(true)
    .analyze();
  const findings: AxeFinding[] = results.violations.map((violation) => ({
    screen: screenName,
    rule: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
  expect(findings).toEqual([]);
}
