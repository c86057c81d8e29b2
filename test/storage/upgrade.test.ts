import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Sender } from '../../src/kernel/sender.js';
import { silentLogger } from '../../src/logging.js';
import { createReminderLoop } from '../../src/reminders/loop.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'upgrade', 'pledgewatch-e071a96.sqlite');

/** A sender that records what it is asked to post (and has no `lookup`: it would post a "maybe sent" row again). */
const recording = (platform: string) => {
  const posted: string[] = [];
  const sender: Sender = { platform, send: async (_channel: string, _reply: Reply, key: string) => (posted.push(key), { messageId: `new-${posted.length}` }) } as Sender;
  return { sender, posted };
};

describe('a database written before the storage split (e071a96)', () => {
  it('opens under the delivery log and key-value store without answering history again or re-sending reminders', async () => {
    const dataDir = tempDir('pw-upgrade-');
    copyFileSync(FIXTURE, join(dataDir, 'pledgewatch.db'));
    const clock = new FakeClock('2026-11-24T09:00:30Z');
    const config = loadConfig({ PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_REMINDER_DAYS: '14,7,1' }, process.cwd());
    const app = buildApp(config, { logger: silentLogger(), clock });
    try {
      const tables = app.db!.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['delivery_log', 'key_value']));
      expect(tables).not.toEqual(expect.arrayContaining(['inbox']));
      expect(tables).not.toEqual(expect.arrayContaining(['adapter_state']));

      // Every delivery handled before is still known to its own adapter, and only to it.
      const slack = app.deliveries.for('slack');
      const matrix = app.deliveries.for('matrix');
      for (const key of ['event:Ev0FIXTURE1', 'msg:C0FIXTURE:1793000000.000100', 'trigger:fixture.1']) expect(slack.firstDelivery(key), key).toBe(false);
      for (const key of ['event:$fixture-event-1', 'e2e-notice:!secret:example.org']) expect(matrix.firstDelivery(key), key).toBe(false);
      expect(matrix.firstDelivery('event:Ev0FIXTURE1')).toBe(true);

      // The Matrix sync position and the rest of the state moved; "sent" keys did not (the reminder row knows).
      expect(app.kv.get('matrix:alive-at')).toBe('1793520000000');
      expect(app.kv.get('matrix:joined-at:!room1:example.org')).toBe('1793433600000');
      expect(app.kv.get('matrix:direct:!dm1:example.org')).toBe('1');
      expect(app.kv.get('slack:thread:C0FIXTURE:1793000000.000100')).toBe('1');
      expect(app.db!.prepare("SELECT count(*) FROM key_value WHERE key LIKE 'matrix:sent:%'").pluck().get()).toBe(0);

      // The reminder a dead process had posted (row left "sending", only the old key knew) is now sent.
      const matrixRows = app.db!.prepare("SELECT status, message_id AS messageId FROM reminders WHERE channel LIKE 'matrix:%' ORDER BY due_at").all();
      expect(matrixRows).toEqual([
        { status: 'sent', messageId: '$sent-1' },
        { status: 'sent', messageId: '$sent-by-dead-process' },
        { status: 'pending', messageId: null },
      ]);

      // The next tick, when the 7-days-before reminders fall due: Slack's is posted once, Matrix's not again.
      const m = recording('matrix');
      const s = recording('slack');
      const loop = createReminderLoop({ reminders: app.services.reminders, senders: new Map([['matrix', m.sender], ['slack', s.sender]]), clock, logger: silentLogger(), graceHours: 24 });
      await loop.tick();
      await loop.stop();
      expect(m.posted).toEqual([]);
      expect(s.posted).toHaveLength(1);
      expect(s.posted[0]).toMatch(/^slack:C0FIXTURE\|/);

      // And the ledger is as it was: question 5 answered.
      const reply = await app.core.handle({ platform: 'cli', channel: 'cli:local', user: 'cli:operator', text: 'outstanding Mexico', isDirect: false } as Incoming);
      expect(JSON.stringify(reply)).toMatch(/35 of 36 outstanding/);
    } finally {
      app.close();
    }
  });
});
