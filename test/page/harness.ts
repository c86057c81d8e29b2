import { Writable } from 'node:stream';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import type { Reply } from '../../src/kernel/reply.js';
import { createLogger } from '../../src/logging.js';
import { SqliteLedgerStore } from '../../src/ledger/store.js';
import type { PageServer } from '../../src/page/server.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

export const COORDINATOR = 'slack:UCOORD';
export const MEMBER = 'slack:UMEMBER';

export interface PageHarness {
  app: App;
  clock: FakeClock;
  server: PageServer;
  base: string;
  /** every log line written so far (JSON) */
  logs(): string;
  say(text: string, options?: { user?: string; channel?: string; isDirect?: boolean; platform?: Incoming['platform'] }): Promise<Reply>;
  /** a fresh link, as the `page` command gives it */
  link(user?: string): Promise<string>;
  close(): Promise<void>;
}

/** The app with its page server on a free loopback port, a fake clock, and the logs kept for inspection. */
export async function startPage(options: { now?: string; env?: Record<string, string>; dataDir?: string } = {}): Promise<PageHarness> {
  const dir = options.dataDir ?? tempDir('pw-page-');
  const clock = new FakeClock(options.now ?? '2020-10-01T12:00:00Z');
  let logged = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const config = loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_COORDINATORS: COORDINATOR, PLEDGEWATCH_PAGE_PORT: '0', ...options.env });
  const app = buildApp(config, { logger, clock });
  const server = await app.page!.start({ ledger: app.services.ledger, privacy: app.services.privacy!, timezone: config.timezone, logger });
  const say: PageHarness['say'] = (text, o = {}) =>
    app.core.handle({ platform: o.platform ?? 'slack', channel: o.channel ?? 'slack:COPEN', user: o.user ?? COORDINATOR, text, isDirect: o.isDirect ?? false });
  return {
    app,
    clock,
    server,
    base: `http://127.0.0.1:${server.port}`,
    logs: () => logged,
    say,
    async link(user = COORDINATOR) {
      const r = await say('page', { user });
      return (r.data as { url: string }).url;
    },
    async close() {
      await server.close();
      app.close();
    },
  };
}

/** Saves a letter to Mexico whose every field is hostile markup, straight into the ledger store. */
export function saveHostileLetter(app: App, at: string): void {
  new SqliteLedgerStore(app.db!).saveLetter(
    {
      letter: 'hostile-letter',
      title: '<script>alert("title")</script> Letter',
      date: '2020-09-01',
      sender: 'x',
      states: ['MX'],
      deadline: '2020-10-20',
      deadlineText: null,
      questions: [
        { label: '1', ordinal: 1, text: 'Will you <script>alert("q")</script> answer?', askedBy: ['"onmouseover=alert(1) x="', '<img src=x onerror=alert(2)>'], scope: 'state', duringEvent: false, section: '<b>Section</b>' },
        { label: '2', ordinal: 2, text: "It's \"quoted\" & <i>odd</i>", askedBy: ['javascript:alert(3)'], scope: 'state', duringEvent: false, section: null },
      ],
    },
    'UTC',
    'test',
    at,
  );
}
