import { describe, expect, it } from 'vitest';
import { MEMBER, saveHostileLetter, startPage, type PageHarness } from './harness.js';

/** The page server over real HTTP on loopback (the browser tests in page-browser.test.ts add Chromium). */

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
const valueOf = (setCookie: string | undefined) => setCookie?.split(';')[0]!.split('=').slice(1).join('=') ?? '';

async function land(h: PageHarness, url: string) {
  const res = await fetch(url);
  const body = await res.text();
  const token = /name="token" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  return { res, body, token, csrf, csrfCookie: cookieOf(res, new URL(url).protocol === 'https:' ? '__Host-pw_csrf' : 'pw_csrf') };
}

async function open(h: PageHarness, url: string, origin = h.base) {
  const l = await land(h, url);
  const post = () =>
    fetch(`${h.base}/open`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: `pw_csrf=${valueOf(l.csrfCookie)}` },
      body: new URLSearchParams({ token: l.token, csrf: l.csrf }).toString(),
    });
  const res = await post();
  return { res, session: cookieOf(res, 'pw_session'), again: post };
}

describe('the ledger page over HTTP', () => {
  it('a fresh link opens a landing page that uses nothing up; its POST opens a 12-hour session; the page then shows the ledger', async () => {
    const h = await startPage();
    try {
      const url = await h.link();
      expect(url).toMatch(new RegExp(`^${h.base}/l/[A-Za-z0-9_-]{43}$`));
      const first = await land(h, url);
      expect(first.res.status).toBe(200);
      expect(first.body).toContain('Open the ledger page');
      // A link preview GETs it again: still valid.
      expect((await land(h, url)).res.status).toBe(200);
      const csp = first.res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(first.res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(first.csrfCookie).toMatch(/HttpOnly/);
      expect(first.csrfCookie).toMatch(/SameSite=Strict/);

      const { res, session } = await open(h, url);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Max-Age=43200/);
      expect(session).not.toMatch(/Secure/); // plain http on loopback: see server.ts
      const page = await fetch(`${h.base}/`, { headers: { cookie: `pw_session=${valueOf(session)}` } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('36 questions: 0 answered, 0 partly answered, 0 declined, 36 outstanding');
      expect(html).toContain('18 questions: 0 answered, 0 partly answered, 0 declined, 18 outstanding');
      expect(page.headers.get('cache-control')).toBe('no-store');

      // The session ends after 12 hours.
      h.clock.advance(12 * 3_600_000 + 1000);
      expect((await fetch(`${h.base}/`, { headers: { cookie: `pw_session=${valueOf(session)}` } })).status).toBe(401);
    } finally {
      await h.close();
    }
  });

  it('refuses a used link, an expired link, a POST without the form’s csrf value or from another origin, and a page without a session', async () => {
    const h = await startPage();
    try {
      const url = await h.link();
      const first = await open(h, url);
      expect(first.res.status).toBe(303);
      // The same form posted again (a second click, a replay): refused, no session.
      const again = await first.again();
      expect(again.status).toBe(410);
      expect(cookieOf(again, 'pw_session')).toBeUndefined();
      expect(await (await fetch(url)).text()).toContain('already used');

      const late = await h.link();
      const lateLanding = await land(h, late);
      h.clock.advance(15 * 60_000 + 1);
      const expired = await fetch(`${h.base}/open`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.base, cookie: `pw_csrf=${valueOf(lateLanding.csrfCookie)}` },
        body: new URLSearchParams({ token: lateLanding.token, csrf: lateLanding.csrf }).toString(),
      });
      expect(expired.status).toBe(410);
      expect(await (await fetch(late)).text()).toContain('expired');

      const fresh = await h.link();
      const l = await land(h, fresh);
      const post = (headers: Record<string, string>, body: Record<string, string>) =>
        fetch(`${h.base}/open`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString() });
      expect((await post({ origin: h.base }, { token: l.token, csrf: l.csrf })).status).toBe(403); // no csrf cookie
      expect((await post({ origin: h.base, cookie: `pw_csrf=${valueOf(l.csrfCookie)}` }, { token: l.token, csrf: 'x'.repeat(43) })).status).toBe(403);
      expect((await post({ origin: 'https://evil.example', cookie: `pw_csrf=${valueOf(l.csrfCookie)}` }, { token: l.token, csrf: l.csrf })).status).toBe(403);
      // None of those used the link up.
      expect((await open(h, fresh)).res.status).toBe(303);

      // Two clicks racing with one link: exactly one session.
      const raced = await land(h, await h.link());
      const race = () =>
        fetch(`${h.base}/open`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.base, cookie: `pw_csrf=${valueOf(raced.csrfCookie)}` },
          body: new URLSearchParams({ token: raced.token, csrf: raced.csrf }).toString(),
        });
      const statuses = (await Promise.all([race(), race(), race()])).map((r) => r.status).sort();
      expect(statuses).toEqual([303, 410, 410]);

      expect((await fetch(`${h.base}/`)).status).toBe(401);
      expect((await fetch(`${h.base}/`, { headers: { cookie: 'pw_session=' + 'a'.repeat(43) } })).status).toBe(401);
      expect((await fetch(`${h.base}/l/not-a-token`)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('behind an https proxy, cookies are Secure with the __Host- prefix', async () => {
    const h = await startPage({ env: { PLEDGEWATCH_PAGE_URL: 'https://pledgewatch.example.org' } });
    try {
      const url = await h.link();
      expect(url).toMatch(/^https:\/\/pledgewatch\.example\.org\/l\//);
      const local = url.replace('https://pledgewatch.example.org', h.base);
      const l = await land(h, local);
      expect(cookieOf(l.res, '__Host-pw_csrf')).toMatch(/; Secure/);
      const res = await fetch(`${h.base}/open`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://pledgewatch.example.org', cookie: `__Host-pw_csrf=${valueOf(cookieOf(l.res, '__Host-pw_csrf'))}` },
        body: new URLSearchParams({ token: l.token, csrf: l.csrf }).toString(),
      });
      expect(res.status).toBe(303);
      const session = cookieOf(res, '__Host-pw_session');
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Path=\//);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await h.close();
    }
  });

  it('keeps only sha256 hashes of links and sessions, and logs page views without tokens or names', async () => {
    const h = await startPage();
    try {
      await h.say('sensitive Article 19');
      const url = await h.link();
      const token = url.split('/l/')[1]!;
      const { session } = await open(h, url);
      await fetch(`${h.base}/?state=MX&status=outstanding`, { headers: { cookie: `pw_session=${valueOf(session)}` } });
      const rows = h.app.db!.prepare('SELECT hash FROM page_links UNION ALL SELECT hash FROM page_sessions').all() as { hash: string }[];
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      const logs = h.logs();
      expect(logs).toContain('"msg":"page view"');
      expect(logs).toContain('"filters":["state","status"]');
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(valueOf(session));
      expect(logs).not.toMatch(/Article 19/i);
      expect(logs).not.toContain('UCOORD');
    } finally {
      await h.close();
    }
  });

  it('escapes every field from letters and people: titles, questions, askers, notes, links', async () => {
    const h = await startPage();
    try {
      saveHostileLetter(h.app, h.clock.now().toISOString());
      await h.say('answered Mexico 1 javascript:alert(4) --letter hostile-letter');
      await h.say('partial Mexico 2 "><img src=x onerror=alert(5)> see https://example.org/a?b=1&c="x" --letter hostile-letter');
      const url = await h.link();
      const { session } = await open(h, url);
      const html = await (await fetch(`${h.base}/?state=MX&letter=hostile-letter`, { headers: { cookie: `pw_session=${valueOf(session)}` } })).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<i>odd/);
      expect(html).not.toMatch(/href="javascript:/i);
      expect(html).not.toMatch(/"onmouseover=/);
      expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Letter');
      expect(html).toContain('&quot;onmouseover=alert(1) x=&quot;');
      expect(html).toContain('javascript:alert(4)'); // shown as text
      expect(html).toMatch(/<a href="https:\/\/example\.org\/a\?b=1&amp;c=" rel="noopener noreferrer nofollow">recorded answer<\/a>/);
      // A filter value that is not a State or a letter is ignored, never echoed.
      const odd = await (await fetch(`${h.base}/?state=%3Cscript%3E&letter=%22x`, { headers: { cookie: `pw_session=${valueOf(session)}` } })).text();
      expect(odd).not.toMatch(/<script/i);
      expect(odd).toContain('36 questions');
    } finally {
      await h.close();
    }
  });

  it('a member’s link never shows a sensitive asker; a coordinator’s shows it on screen and masks it in print', async () => {
    const h = await startPage();
    try {
      await h.say('sensitive I(dh)eas');
      const { session: member } = await open(h, await h.link(MEMBER));
      const asMember = await (await fetch(`${h.base}/?state=MX`, { headers: { cookie: `pw_session=${valueOf(member)}` } })).text();
      expect(asMember).not.toContain('I(dh)eas');
      expect(asMember).toContain('a coalition member');
      const { session: coord } = await open(h, await h.link());
      const asCoordinator = await (await fetch(`${h.base}/?state=MX`, { headers: { cookie: `pw_session=${valueOf(coord)}` } })).text();
      expect(asCoordinator, asCoordinator.match(/.{200}I\(dh\)eas.{200}/s)?.[0]).toMatch(/<span class="sensitive"><span class="name">I\(dh\)eas, Litigio Estratégico en Derechos Humanos<\/span><span class="mask">a coalition member<\/span><\/span>/);
    } finally {
      await h.close();
    }
  });
});
