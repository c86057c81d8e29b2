import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { LedgerService } from '../ledger/service.js';
import { sensitiveSet, type PrivacyStore } from '../ledger/privacy.js';
import { LINK_TTL_MS, newSecret, SESSION_TTL_MS, type PageLinks } from './links.js';
import { buildModel, readFilters } from './view-model.js';
import { landingPage, ledgerPage, messagePage } from './views.js';

/**
 * The ledger page's HTTP server, on Hono: a small, dependency-free framework on web-standard Request and
 * Response, whose built-in secure-headers, cookie and csrf middleware and escaping `html` template cover what
 * this server needs without further packages.
 *
 * Routes: GET /l/<token> (the landing page: a button, nothing used up), POST /open (the link exchange: CSRF-
 * checked, the link used up, a 12-hour session cookie set), GET / (the ledger, for a session), /page.css.
 */

export interface PageServerDeps {
  links: PageLinks;
  ledger: LedgerService;
  privacy: Pick<PrivacyStore, 'sensitiveAskers'>;
  clock: Clock;
  timezone: string;
  logger: Logger;
}

const CSS = readFileSync(new URL('./page.css', import.meta.url), 'utf8');

const same = (a: string | undefined, b: string | undefined) => {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createPageApp(deps: PageServerDeps): Hono {
  const { links, clock, logger } = deps;
  const log = logger.child({ module: 'page' });
  // Secure cookies whenever the page is reached over https (behind a proxy). On plain http, which the config
  // allows only for loopback addresses, a Secure cookie would not be stored by every browser: the cookies then
  // go without Secure (and without the __Host- prefix, which requires it), HttpOnly and SameSite=Strict still.
  const secure = () => links.baseUrl().startsWith('https:');
  const cookieName = (base: string) => (secure() ? `__Host-${base}` : base);
  const cookie = (maxAgeMs: number) => ({ httpOnly: true, sameSite: 'Strict' as const, secure: secure(), path: '/', maxAge: Math.floor(maxAgeMs / 1000) });

  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = clock.now().getTime();
    await next();
    // No names, tokens or query values in the log: the route pattern, and which filters were used.
    log.info({ method: c.req.method, route: c.req.routePath, status: c.res.status, filters: Object.keys(c.req.query()).filter((k) => ['state', 'letter', 'status'].includes(k)), ms: clock.now().getTime() - started }, 'page view');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      crossOriginOpenerPolicy: 'same-origin',
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    if (secure()) c.header('Strict-Transport-Security', 'max-age=31536000');
  });
  // The one POST: its Origin must be the page's own (or the browser must say same-origin), and the form
  // must carry the value of the csrf cookie the landing page set (a double-submit token).
  app.use('/open', csrf({ origin: (origin) => origin === new URL(links.baseUrl()).origin }));

  const refuse = (c: Context, status: 401 | 403 | 404 | 410, title: string, sentence: string) =>
    c.html(messagePage(title, sentence, 'Type `page` in chat for a fresh link. Links work once, for 15 minutes.'), status);

  app.get('/page.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(CSS);
  });

  app.get('/l/:token', (c) => {
    const token = c.req.param('token');
    const state = links.peek(token);
    if (state === 'used') return refuse(c, 410, 'This link was already used', 'Each link opens the page once.');
    if (state === 'expired') return refuse(c, 410, 'This link has expired', 'Links work for 15 minutes.');
    if (state !== 'valid') return refuse(c, 404, 'This link does not work', 'It may have been mistyped.');
    const token2 = newSecret();
    setCookie(c, cookieName('pw_csrf'), token2, cookie(LINK_TTL_MS));
    return c.html(landingPage(token, token2));
  });

  app.post('/open', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const formCsrf = typeof body.csrf === 'string' ? body.csrf : '';
    if (!same(getCookie(c, cookieName('pw_csrf')), formCsrf)) return refuse(c, 403, 'The page could not be opened', 'The request did not come from the page’s own form.');
    const done = links.exchange(token);
    if (!done.ok) {
      if (done.reason === 'used') return refuse(c, 410, 'This link was already used', 'Each link opens the page once.');
      if (done.reason === 'expired') return refuse(c, 410, 'This link has expired', 'Links work for 15 minutes.');
      return refuse(c, 404, 'This link does not work', 'It may have been mistyped.');
    }
    deleteCookie(c, cookieName('pw_csrf'), { path: '/', secure: secure() });
    setCookie(c, cookieName('pw_session'), done.session, cookie(SESSION_TTL_MS));
    log.info({ reveal: done.reveal }, 'page session opened');
    return c.redirect('/', 303);
  });

  app.get('/', (c) => {
    const session = links.session(getCookie(c, cookieName('pw_session')));
    if (!session) return refuse(c, 401, 'Open the page from chat', 'There is no open session in this browser, or it has ended (sessions last 12 hours).');
    const filters = readFilters(c.req.query(), deps.ledger);
    const model = buildModel({ ledger: deps.ledger, now: clock.now(), timezone: deps.timezone, sensitive: sensitiveSet(deps.privacy), reveal: session.reveal }, filters);
    return c.html(ledgerPage(model));
  });

  app.notFound((c) => c.html(messagePage('Not found', 'There is nothing here.', 'Type `page` in chat for a link to the ledger page.'), 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) return refuse(c, 403, 'The page could not be opened', 'The request did not come from the page’s own form.');
    log.error({ err: { name: err.name, code: (err as NodeJS.ErrnoException).code }, route: c.req.routePath }, 'page failed');
    return c.html(messagePage('Something went wrong', 'The page could not be shown; it has been logged.', 'Try again in a moment.'), 500);
  });
  return app;
}

export interface PageServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (0: any free port). Rejects when it cannot listen, so the caller can say why. */
export function startPageServer(host: string, port: number, app: Hono): Promise<PageServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
