import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/app.js';
import { openDatabase } from '../../../src/storage/database.js';
import { sqliteKeyValue } from '../../../src/storage/key-value.js';
import { tempDir } from '../../fakes/temp-dir.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { ALICE, BOT, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

async function boot(dataDir: string) {
  const bot = await startBot(hs!, dataDir);
  bots.push(bot);
  return bot;
}

const repliesTo = (eventId: string) =>
  hs!.sent.filter((s) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId);
const replyTo = (eventId: string) => (s: SentRecord) => repliesTo(eventId).includes(s);

let markers = 0;
/** A fresh command's answer has arrived: everything the bot received before it has been dealt with. */
async function settle(room: string) {
  const marker = hs!.say(room, MIA, `!pw help help ${++markers}`);
  await hs!.waitForSent(replyTo(marker));
}

const MINUTE = 60_000;

describe('Matrix history and restarts', () => {
  it('ignores commands from before the first start, in the first sync and when they arrive later as live events', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA], ts: Date.now() - 60 * MINUTE });
    const old = [hs.say(room, MIA, '!pw help', { ts: Date.now() - 30 * MINUTE }), hs.say(room, MIA, '!pw help', { ts: Date.now() - 2_000 })];
    await boot(tempDir());
    // Synapse's cached first sync (a restart within 2 minutes) hands the history over after PREPARED, as live events.
    hs.redeliver(room);
    const late = hs.say(room, MIA, '!pw help', { ts: Date.now() - 5 * MINUTE });
    await settle(room);
    await settle(room);
    for (const e of [...old, late]) expect(repliesTo(e)).toEqual([]);
  });

  it('after a restart answers what was sent while down once, says which older ones it missed, and never answers twice', async () => {
    hs = await fakeHomeserver();
    const dir = tempDir();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA], ts: Date.now() - 120 * MINUTE });
    const first = await boot(dir);
    const c1 = hs.say(room, MIA, '!pw help');
    await hs.waitForSent(replyTo(c1));
    await first.stop();

    // Down for a moment: a command sent now is answered on restart, once.
    const c2 = hs.say(room, MIA, '!pw help outstanding');
    await boot(dir);
    await hs.waitForSent(replyTo(c2));
    hs.redeliver(room); // the cached first sync replays everything after PREPARED
    await settle(room);
    expect(repliesTo(c1)).toHaveLength(1);
    expect(repliesTo(c2)).toHaveLength(1);
    await bots.pop()!.stop();

    // Down for an hour: a command from 30 minutes ago gets a "missed" notice, a recent one its answer.
    const db = openDatabase(join(dir, 'pledgewatch.db'), migrations);
    sqliteKeyValue(db).set('matrix:alive-at', String(Date.now() - 60 * MINUTE));
    db.close();
    const c3 = hs.say(room, MIA, '!pw help', { ts: Date.now() - 30 * MINUTE });
    const c4 = hs.say(room, MIA, '!pw help');
    await boot(dir);
    const missed = await hs.waitForSent(replyTo(c3));
    expect(missed.content.body).toMatch(/I was offline when this was sent \(\d+ \w+ \d{4}, \d\d:\d\d UTC\), so I did not answer it\. Ask again if you still need it\./);
    expect(missed.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: c3 });
    await hs.waitForSent(replyTo(c4));
    hs.redeliver(room);
    await settle(room);
    await bots.pop()!.stop();

    // And once more: nothing old is answered again.
    const before = hs.sent.length;
    await boot(dir);
    hs.redeliver(room, 50);
    await settle(room);
    expect(hs.sent.length).toBe(before + 1);
    for (const c of [c1, c2, c3, c4]) expect(repliesTo(c)).toHaveLength(1);
  });

  it('a restart within Synapse’s 2-minute sync cache: the stale first sync replays an old invite and the history, and the command sent while down is answered once', async () => {
    hs = await fakeHomeserver();
    hs.cacheSyncs();
    const dir = tempDir();
    const room = hs.createRoom({ creator: ALICE, members: [MIA], ts: Date.now() - 120 * MINUTE });
    hs.say(room, MIA, '!pw help', { ts: Date.now() - 60 * MINUTE });
    const first = await boot(dir); // its first sync (no rooms yet) is what the cache will hand out again
    hs.invite(room, ALICE, BOT);
    await hs.until(() => hs!.membership(room, BOT) === 'join');
    const c1 = hs.say(room, MIA, '!pw help');
    await hs.waitForSent(replyTo(c1));
    await first.stop();

    const down = hs.say(room, MIA, '!pw help help');
    const joinsBefore = hs.requests.filter((r) => /\/join$/.test(r)).length;
    await boot(dir);
    await hs.waitForSent(replyTo(down));
    await settle(room);
    expect(repliesTo(c1)).toHaveLength(1);
    expect(repliesTo(down)).toHaveLength(1);
    expect(hs.requests.filter((r) => /\/join$/.test(r)).length).toBe(joinsBefore);
  });
});
