import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, COORDINATOR as SLACK_COORDINATOR, postSigned, slashCommandBody, startHarness } from '../adapters/slack/slack-harness.js';
import { MEMBER, startPage, type PageHarness } from './harness.js';

/**
 * The ledger page in a real browser: Debian's chromium driven by playwright-core (no browser download), against
 * the page server on loopback. Without /usr/bin/chromium (or PLEDGEWATCH_CHROMIUM) these tests skip with the
 * reason printed, except under CI=true, where they fail.
 */

const CHROMIUM = process.env.PLEDGEWATCH_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true') throw new Error(`CI=true and no Chromium at ${CHROMIUM}: .ci/run must install it (apt-get install -y chromium)`);
  console.warn(`[skip] the browser tests of the ledger page need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}
const ARTEFACTS = resolve(import.meta.dirname, '../../test-artifacts/page');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Counts {
  answered: number;
  partial: number;
  declined: number;
  outstanding: number;
  total: number;
}

// A browser on a machine shared with the rest of the suite is slow: generous limits (these are not assertions).
describe.skipIf(!haveChromium)('the ledger page in Chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let h: PageHarness;
  let dataDir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    dataDir = mkdtempSync(join(tmpdir(), 'pw-page-browser-'));
    h = await startPage({ dataDir });
    await h.say('answered Mexico 1-10 https://example.org/mexico-answers');
    await h.say('partial Mexico 11,12 see the mission’s letter');
    await h.say('declined Mexico 13');
    await h.say('answered Mexico 2.4 --letter ngo-2013-open-letter');
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens a fresh link the way a person does: the chat link, then the button. */
  async function openLink(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    const landing = await page.goto(url);
    expect(landing?.status()).toBe(200);
    await page.getByRole('button', { name: 'Open the ledger page' }).click();
    await page.waitForURL(`${h.base}/`);
    return page;
  }

  const counts = (text: string): Counts => {
    const m = /(\d+) questions?: (\d+) answered, (\d+) partly answered, (\d+) declined, (\d+) outstanding/.exec(text);
    if (!m) throw new Error(`no counts in "${text}"`);
    return { total: +m[1]!, answered: +m[2]!, partial: +m[3]!, declined: +m[4]!, outstanding: +m[5]! };
  };

  it('opens a fresh link; the bars’ numbers match `deadlines --json` and the ledger; the session cookie is HttpOnly and SameSite=Strict; CSP is sent', async () => {
    const context = await browser.newContext();
    const url = await h.link();
    const page = await context.newPage();
    const landing = await page.goto(url);
    const csp = landing!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    await page.getByRole('button', { name: 'Open the ledger page' }).click();
    await page.waitForURL(`${h.base}/`);

    const deadlines = (await h.say('deadlines', { platform: 'cli', channel: 'cli', isDirect: true })).data as { state: string; letter: string; outstanding: number; total: number }[];
    const mexico = deadlines.filter((d) => d.state === 'Mexico');
    expect(mexico.map((d) => d.total).sort()).toEqual([18, 36]);
    for (const d of mexico) {
      const shown = counts(await page.locator(`.state[aria-labelledby="s-MX"] .numbers[data-letter="${d.letter}"]`).innerText());
      expect(shown.total).toBe(d.total);
      expect(shown.outstanding).toBe(d.outstanding);
      const letter = h.app.services.ledger.letterOf('MX', d.letter);
      for (const s of ['answered', 'partial', 'declined', 'outstanding'] as const) expect(shown[s]).toBe(letter.questions.filter((q) => q.status === s).length);
    }
    expect(counts(await page.locator('.numbers[data-letter="ishr-2020-mexico-questions"]').innerText())).toEqual({ total: 36, answered: 10, partial: 2, declined: 1, outstanding: 23 });
    expect(counts(await page.locator('.numbers[data-state="MX"]').innerText())).toEqual({ total: 54, answered: 11, partial: 2, declined: 1, outstanding: 40 });
    expect(await page.locator('.state[aria-labelledby="s-MX"] tbody tr.q').count()).toBe(54);
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    expect(await page.locator('table caption').first().innerText()).toMatch(/Mexico: questions of/);
    expect(await page.getByRole('link', { name: 'recorded answer' }).first().getAttribute('href')).toBe('https://example.org/mexico-answers');

    const [session] = (await context.cookies()).filter((c) => c.name === 'pw_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session!.expires * 1000 - Date.now()).toBeGreaterThan(11 * 3_600_000);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTEFACTS, 'ledger-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone nothing is wider than the screen but the tables' own scrolling box.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTEFACTS, 'ledger-phone.png') });
    await context.close();
  });

  it('a coordinator types /pledgewatch page in Slack (fake) and opens the ephemeral link: Mexico’s 36 + 18 questions', async () => {
    const slack = await startHarness({ mode: 'http', env: { PLEDGEWATCH_PAGE_PORT: '0' } });
    const server = await slack.app.page!.start({ ledger: slack.app.services.ledger, privacy: slack.app.services.privacy!, timezone: 'UTC', logger: slack.app.services.logger });
    try {
      await postSigned(slack.baseUrl, slashCommandBody(slack.fake, { text: 'page', user: SLACK_COORDINATOR, channel: 'C0GENERAL' }), { form: true });
      const d = await slack.fake.waitForDelivery();
      const url = /http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]{43}/.exec(`${d.text} ${blockText(d.blocks)}`)![0];
      expect(new URL(url).port).toBe(String(server.port));
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: 'Open the ledger page' }).click();
      await page.waitForURL(`http://127.0.0.1:${server.port}/`);
      expect(counts(await page.locator('.numbers[data-letter="ishr-2020-mexico-questions"]').innerText()).total).toBe(36);
      expect(counts(await page.locator('.numbers[data-letter="ngo-2013-open-letter"]').innerText()).total).toBe(18);
      expect(await page.locator('.state[aria-labelledby="s-MX"] tbody tr.q').count()).toBe(54);
      await context.close();
    } finally {
      await server.close();
    }
  });

  it('filters by State, letter and status, kept in the URL so the view can be shared', async () => {
    const context = await browser.newContext();
    const page = await openLink(context, await h.link());
    await page.getByLabel('State', { exact: true }).selectOption('MX');
    await page.getByLabel('Status', { exact: true }).selectOption('answered');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/status=answered/);
    const query = new URL(page.url()).searchParams;
    expect(query.get('state')).toBe('MX');
    expect(query.get('status')).toBe('answered');
    expect(await page.locator('tbody tr.q').count()).toBe(11);
    expect(await page.locator('tbody tr.q.outstanding').count()).toBe(0);

    await page.getByLabel('Letter', { exact: true }).selectOption('ngo-2013-open-letter');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/letter=ngo-2013-open-letter/);
    expect(await page.locator('tbody tr.q').count()).toBe(1);
    expect(await page.locator('tbody tr.q th').innerText()).toBe('2.4');

    // The same URL in another member's browser, who has no session: no page.
    const other = await browser.newContext();
    const shared = await (await other.newPage()).goto(page.url());
    expect(shared?.status()).toBe(401);
    await other.close();
    await context.close();
  });

  it('refuses a link used once already, and one past its 15 minutes', async () => {
    const first = await browser.newContext();
    const url = await h.link();
    await openLink(first, url);
    const second = await browser.newContext();
    const again = await second.newPage();
    expect((await again.goto(url))?.status()).toBe(410);
    expect(await again.getByRole('heading', { level: 1 }).innerText()).toBe('This link was already used');
    expect(await again.getByRole('button').count()).toBe(0);

    const late = await h.link();
    h.clock.advance(15 * 60_000 + 1_000);
    const expired = await second.newPage();
    expect((await expired.goto(late))?.status()).toBe(410);
    expect(await expired.getByRole('heading', { level: 1 }).innerText()).toBe('This link has expired');
    expect((await second.cookies()).some((c) => c.name === 'pw_session')).toBe(false);
    await first.close();
    await second.close();
  });

  it('passes an axe-core accessibility check with no serious or critical violations (landing page and ledger)', async () => {
    // axe is injected as a script, which the page's own CSP rightly forbids: this context bypasses CSP.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const check = async (name: string) => {
      await page.addScriptTag({ content: AXE });
      const result = (await page.evaluate('window.axe.run()')) as { violations: { id: string; impact: string; help: string; nodes: unknown[] }[] };
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}, ${v.nodes.length} nodes`)).toEqual([]);
    };
    await page.goto(await h.link());
    await check('landing');
    await page.getByRole('button', { name: 'Open the ledger page' }).click();
    await page.waitForURL(`${h.base}/`);
    await check('ledger');
    await context.close();
  });

  it('a sensitive asker: on a coordinator’s screen, never in print; never for a member', async () => {
    await h.say('sensitive I(dh)eas');
    const coordinator = await browser.newContext();
    const page = await openLink(coordinator, await h.link());
    const cell = page.locator('tr.q', { has: page.locator('th', { hasText: /^5$/ }) }).first().locator('td.askers');
    expect(await cell.innerText()).toContain('I(dh)eas');
    await page.emulateMedia({ media: 'print' });
    expect(await cell.innerText()).not.toContain('I(dh)eas');
    expect(await cell.innerText()).toContain('a coalition member');
    await page.pdf({ path: join(ARTEFACTS, 'ledger-print.pdf') });
    await coordinator.close();

    const member = await browser.newContext();
    const asMember = await openLink(member, await h.link(MEMBER));
    expect(await asMember.content()).not.toContain('I(dh)eas');
    await member.close();
    await h.say('sensitive --off I(dh)eas');
  });
});
