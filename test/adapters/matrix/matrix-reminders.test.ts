import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMatrixAdapter, type MatrixAdapter } from '../../../adapters/matrix/matrix-adapter.js';
import { migrations } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildRegistry } from '../../../src/core/commands/index.js';
import { createCore } from '../../../src/core/core.js';
import type { Services } from '../../../src/core/services.js';
import { silentLogger } from '../../../src/logging.js';
import { openDatabase } from '../../../src/storage/database.js';
import { sqliteDeliveryLogs } from '../../../src/storage/delivery-log.js';
import { sqliteKeyValue } from '../../../src/storage/key-value.js';
import { FakeClock } from '../../fakes/clock.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { FakeLedger, letter } from '../../reminders/fake-ledger.js';
import { reminderRoom } from '../../reminders/harness.js';
import { ALICE, BOT, BOT_TOKEN, MIA, fakeHomeserver } from './harness.js';

let hs: FakeHomeserver | undefined;
afterEach(async () => {
  await hs?.stop();
  hs = undefined;
});

/**
 * The bot as main.ts runs it, with the reminders room on a ledger the test controls: the reminder loop's clock
 * is moved by hand; the Matrix adapter keeps real time, since the homeserver stamps events with it.
 */
async function matrixBot(dir: string, clock: FakeClock, ledger: FakeLedger, loopOptions: { sendTimeoutMs?: number } = {}) {
  const db = openDatabase(join(dir, 'pledgewatch.db'), migrations);
  const room = reminderRoom(dir, ledger, clock, { db });
  const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: room.service } as unknown as Services;
  const core = createCore({ registry: buildRegistry(), services, coordinators: [`matrix:${ALICE}`], logger: silentLogger(), maxInputChars: 4000 });
  const config = loadConfig({ MATRIX_HOMESERVER_URL: hs!.url, MATRIX_USER_ID: BOT, MATRIX_ACCESS_TOKEN: BOT_TOKEN, MATRIX_ALLOWED_INVITERS: ALICE });
  const adapter: MatrixAdapter = createMatrixAdapter({ config: config.matrix!, core, deliveries: sqliteDeliveryLogs(db).for('matrix'), kv: sqliteKeyValue(db), logger: silentLogger(), pollTimeoutMs: 5_000 });
  await adapter.start();
  const loop = room.loop([adapter.sender], loopOptions);
  return {
    adapter,
    loop,
    async stop() {
      await loop.stop();
      await adapter.stop();
      db.close();
    },
  };
}

const replyTo = (eventId: string) => (s: SentRecord) =>
  (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId;
const reminderIn = (room: string) => hs!.sent.filter((s) => s.roomId === room && /Reminder: Mexico owes answers/.test(String(s.content.body)));

describe('reminders in a Matrix room', () => {
  it('a coordinator subscribes the room; a due reminder arrives once, as a notice, and not again after a restart', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const dir = tempDir();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const first = await matrixBot(dir, clock, ledger);

    const byMia = hs.say(room, MIA, '!pw subscribe');
    expect((await hs.waitForSent(replyTo(byMia))).content.body).toMatch(/only the coalition's coordinators/);
    const byAlice = hs.say(room, ALICE, '!pw subscribe');
    expect((await hs.waitForSent(replyTo(byAlice))).content.body).toMatch(/This channel is subscribed to deadline reminders\./);

    clock.set('2026-11-24T08:00:05Z');
    await first.loop.tick();
    await first.loop.tick();
    const posted = reminderIn(room);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.content).toMatchObject({ msgtype: 'm.notice', format: 'org.matrix.custom.html', 'm.mentions': {} });
    expect(String(posted[0]!.content.formatted_body)).not.toMatch(/<a[\s>]|@room/);
    await first.stop();

    const second = await matrixBot(dir, clock, ledger);
    clock.advance(60_000);
    await second.loop.tick();
    expect(reminderIn(room)).toHaveLength(1);
    const list = hs.say(room, MIA, '!pw reminders');
    expect((await hs.waitForSent(replyTo(list))).content.body).toMatch(/posted/);
    await second.stop();
  });

  it('a reminder for an encrypted room is not marked as posted', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA], encrypted: true });
    const dir = tempDir();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const bot = await matrixBot(dir, clock, ledger);
    // (the bot cannot read commands there; a coordinator could subscribe it from the CLI with --channel)
    const db = openDatabase(join(dir, 'pledgewatch.db'), migrations);
    await reminderRoom(dir, ledger, clock, { db }).service.subscribe(`matrix:${room}`, [], {}, `matrix:${ALICE}`);
    db.close();
    clock.set('2026-11-24T08:00:05Z');
    const result = await bot.loop.tick();
    expect(result.sent).toBe(0);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(reminderIn(room)).toHaveLength(0);
    await bot.stop();
  });

  it('a send slowed by 429s past the loop’s timeout is found on the next tick and not posted again', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const dir = tempDir();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const bot = await matrixBot(dir, clock, ledger, { sendTimeoutMs: 50 });
    const db = openDatabase(join(dir, 'pledgewatch.db'), migrations);
    await reminderRoom(dir, ledger, clock, { db }).service.subscribe(`matrix:${room}`, [], {}, `matrix:${ALICE}`);
    db.close();
    clock.set('2026-11-24T08:00:05Z');
    hs.rateLimitSends(2, 200);
    const first = await bot.loop.tick();
    expect(first.sent).toBe(0); // the loop gave up waiting…
    await hs.waitForSent((s) => s.roomId === room); // …but the SDK kept retrying and the message arrived
    clock.advance(2 * 60 * 60_000);
    const second = await bot.loop.tick();
    // recorded as posted (by the loop's lookup, or by the sender answering with the event it already has)…
    expect(second.recovered + second.sent).toBe(1);
    // …and on the homeserver: one message
    expect(reminderIn(room)).toHaveLength(1);
    await bot.stop();
  });
});
