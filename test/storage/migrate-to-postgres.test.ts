import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Sender } from '../../src/kernel/sender.js';
import { silentLogger } from '../../src/logging.js';
import type { MigrationReport } from '../../src/ops/migrate-to-postgres.js';
import { createReminderLoop } from '../../src/reminders/loop.js';
import { FakeClock } from '../fakes/clock.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { tempDir } from '../fakes/temp-dir.js';

/**
 * An installation on SQLite with every kind of row (the upgrade fixture of e071a96: ledger with a response and
 * its audit, delivery records of both adapters, the Matrix sync position and other key-value entries,
 * subscriptions and reminder rows sent, left "sending" and pending; then opened once by this version, which
 * adds the library's documents, passages and original files, and here a sensitive asker, a private channel and
 * a page link), copied with `migrate-to-postgres`, then the bot started on PostgreSQL with an empty data dir.
 */

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'upgrade', 'pledgewatch-e071a96.sqlite');
const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`migrate-to-postgres.test.ts skipped: ${unavailable}`);

const sink = () => {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stream, text: () => text };
};
const cli = async (argv: string[], env: Record<string, string>) => {
  const out = sink();
  const err = sink();
  const code = await runCli(argv, env, { stdin: new PassThrough(), stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
};
const recording = (platform: string) => {
  const posted: string[] = [];
  const sender: Sender = { platform, send: async (_channel: string, _reply: Reply, key: string) => (posted.push(key), { messageId: `new-${posted.length}` }) } as Sender;
  return { sender, posted };
};
const ask = (app: App, text: string, channel = 'cli:local') => app.core.handle({ platform: 'cli', channel, user: 'cli:operator', text, isDirect: true, trusted: true } as Incoming);
/** What a user sees: outstanding questions, a channel's reminders, a question's history, the library. */
const views = async (app: App) => ({
  outstanding: (await ask(app, 'outstanding Mexico')).data,
  reminders: (await ask(app, 'reminders', 'slack:C0FIXTURE')).data,
  history: (await ask(app, 'question Mexico 5')).data,
  documents: (await ask(app, 'documents')).data,
  answer: (await ask(app, 'ask How many journalists were killed in Mexico?')).data,
});

describe.runIf(!unavailable || process.env.CI === 'true')('migrate-to-postgres', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('copies every table and file, refuses a non-empty target, and the bot continues on PostgreSQL: same views, no reminder or delivery twice', async () => {
    const dataDir = tempDir('pw-migrate-');
    copyFileSync(FIXTURE, join(dataDir, 'pledgewatch.db'));
    const clock = new FakeClock('2026-11-24T08:00:00Z');
    const settings = { PLEDGEWATCH_REMINDER_DAYS: '14,7,1' };

    const sqlite = buildApp(loadConfig({ ...settings, PLEDGEWATCH_DATA_DIR: dataDir }, process.cwd()), { logger: silentLogger(), clock });
    let before: Awaited<ReturnType<typeof views>>;
    try {
      await sqlite.ready;
      sqlite.services.privacy!.setSensitive('Witness Network', true, 'cli:operator', clock.now().toISOString());
      sqlite.services.privacy!.setChannelPrivate('slack:CPRIVATE', true, 'cli:operator', clock.now().toISOString());
      sqlite.stores.links.addLink({ hash: 'f'.repeat(64), expiresAt: Date.parse('2026-11-25T00:00:00Z'), reveal: false, createdAt: clock.now().getTime() });
      before = await views(sqlite);
    } finally {
      sqlite.close();
    }
    for (const [name, data] of Object.entries(before)) expect(JSON.stringify(data ?? null), name).not.toMatch(/"error"/);
    // Question 5 of the ISHR letter was answered before the copy.
    const mexico = (before.outstanding as { outstanding: { letter: string; number: string }[] }).outstanding.filter((q) => q.letter === 'ishr-2020-mexico-questions');
    expect(mexico.map((q) => q.number)).toHaveLength(35);
    expect(mexico.map((q) => q.number)).not.toContain('5');
    const files = readdirSync(join(dataDir, 'library')).flatMap((d) => readdirSync(join(dataDir, 'library', d)));
    expect(files.length).toBeGreaterThan(0);

    const url = await server.createDatabase();
    const copied = await cli(['migrate-to-postgres', url, '--json'], { ...settings, PLEDGEWATCH_DATA_DIR: dataDir });
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    const report = JSON.parse(copied.out) as MigrationReport;
    expect(report.target).toBe(url);
    for (const t of report.tables) expect(t.postgres, t.table).toBe(t.sqlite);
    const count = (table: string) => report.tables.find((t) => t.table === table)?.sqlite;
    for (const table of ['letters', 'questions', 'responses', 'audit_log', 'reminder_subscriptions', 'reminders', 'delivery_log', 'key_value', 'library_documents', 'library_passages', 'sensitive_askers', 'private_channels', 'page_links']) {
      expect(count(table), table).toBeGreaterThan(0);
    }
    expect(report.files).toEqual({ sqlite: files.length, postgres: files.length });

    // A second copy into the same database is refused, and changes nothing.
    const again = await cli(['migrate-to-postgres', url, '--json'], { ...settings, PLEDGEWATCH_DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out)).toMatchObject({ code: 'target-not-empty' });

    // The bot on PostgreSQL, with a new, empty data dir: nothing it needs is left behind in the old one.
    const pgDir = tempDir('pw-migrated-');
    const pg = buildApp(loadConfig({ ...settings, PLEDGEWATCH_DATA_DIR: pgDir, DATABASE_URL: url }, process.cwd()), { logger: silentLogger(), clock });
    try {
      expect(pg.db).toBeUndefined();
      await pg.ready;
      expect(await views(pg)).toEqual(before);
      expect(readdirSync(pgDir)).toEqual([]);

      // No delivery handled before is handled again; the Matrix sync position is where it was.
      for (const key of ['event:Ev0FIXTURE1', 'msg:C0FIXTURE:1793000000.000100']) expect(pg.deliveries.for('slack').firstDelivery(key), key).toBe(false);
      expect(pg.deliveries.for('matrix').firstDelivery('event:$fixture-event-1')).toBe(false);
      expect(pg.kv.get('matrix:alive-at')).toBe('1793520000000');
      expect(pg.services.privacy!.isPrivateChannel('slack:CPRIVATE')).toBe(true);
      expect(pg.stores.links.peekLink('f'.repeat(64), clock.now().getTime())).toBe('valid');
      for (const doc of pg.stores.library.documents()) expect(pg.stores.blobs.has(doc.sha256), doc.id).toBe(true);

      // 09:00: the 7-days-before reminders fall due. Slack's is posted once; Matrix's went out before the copy.
      clock.set('2026-11-24T09:00:30Z');
      const m = recording('matrix');
      const s = recording('slack');
      const senders = new Map([['matrix', m.sender], ['slack', s.sender]]);
      const loop = createReminderLoop({ reminders: pg.services.reminders, senders, clock, logger: silentLogger(), graceHours: 24 });
      await loop.tick();
      await loop.stop();
      expect(m.posted).toEqual([]);
      expect(s.posted).toHaveLength(1);
      expect(s.posted[0]).toMatch(/^slack:C0FIXTURE\|/);
    } finally {
      pg.close();
    }

    // A restart on PostgreSQL a minute later: nothing is posted again.
    clock.set('2026-11-24T09:01:30Z');
    const restarted = buildApp(loadConfig({ ...settings, PLEDGEWATCH_DATA_DIR: pgDir, DATABASE_URL: url }, process.cwd()), { logger: silentLogger(), clock });
    try {
      const m = recording('matrix');
      const s = recording('slack');
      const loop = createReminderLoop({ reminders: restarted.services.reminders, senders: new Map([['matrix', m.sender], ['slack', s.sender]]), clock, logger: silentLogger(), graceHours: 24 });
      await loop.tick();
      await loop.stop();
      expect([...m.posted, ...s.posted]).toEqual([]);
      expect(restarted.stores.reminders.counts()).toMatchObject({ sent: 4 });
    } finally {
      restarted.close();
    }
  });
});
