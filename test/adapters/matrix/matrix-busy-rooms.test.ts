import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { ALICE, BOT, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

/**
 * A busy room: more happens between two syncs than one sync hands out. The sync says `limited: true` and the
 * events in between are only in the room's history; the bot pages back through /messages to fill the gap.
 */

let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

const repliesTo = (eventId: string) =>
  hs!.sent.filter((s: SentRecord) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId);

const USERS = Array.from({ length: 15 }, (_, i) => `@member${i + 1}:fake.test`);

/** One command from each of the 15 users, all in the same instant (one sync will carry them all). */
function burst(room: string, text = '!pw help'): string[] {
  return USERS.map((u) => hs!.say(room, u, text));
}

let markers = 0;
/** A fresh command's answer has arrived: everything the bot had before it has been dealt with. */
async function settle(room: string) {
  const marker = hs!.say(room, MIA, `!pw help help ${++markers}`);
  await hs!.waitForSent((s) => repliesTo(marker).includes(s));
}

async function expectEachAnsweredOnce(room: string, commands: string[]) {
  // each reply is a send; wait for the last one to be answered (sends are recorded after the stream changes)
  for (const c of commands) await hs!.waitForSent((s) => repliesTo(c).includes(s), 30_000);
  await settle(room);
  await settle(room);
  expect(commands.map((c) => repliesTo(c).length)).toEqual(commands.map(() => 1));
}

describe('a busy Matrix room', () => {
  it('asks for more than the server default per sync: a burst of 15 arrives whole', async () => {
    hs = await fakeHomeserver(); // hands out 10 events per room and sync unless the filter asks for more
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA, ...USERS] });
    bots.push(await startBot(hs, tempDir()));
    await settle(room);
    const commands = burst(room);
    await expectEachAnsweredOnce(room, commands);
    expect(hs.limitedSyncs).toBe(0);
  });

  it('fills the gap of a sync that holds fewer events than the burst: 15 commands from 15 users, each answered once', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA, ...USERS] });
    bots.push(await startBot(hs, tempDir()));
    await settle(room);
    hs.capTimelineLimit(4); // the server hands out 4 events per sync, whatever the bot asks for
    const commands = burst(room);
    await expectEachAnsweredOnce(room, commands);
    expect(hs.limitedSyncs).toBeGreaterThan(0);
    expect(hs.unknown).toEqual([]);
  });

  it('pages back a bounded number of pages: a longer gap loses its oldest commands and says so in the log', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../../src/logging.js');
    let out = '';
    const destination = new Writable({ write: (chunk, _e, done) => ((out += String(chunk)), done()) });
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA, ...USERS] });
    bots.push(await startBot(hs, tempDir(), {}, { backfill: { pageSize: 3, maxPages: 2 }, logger: createLogger({ level: 'info', destination }) }));
    await settle(room);
    hs.capTimelineLimit(4);
    const commands = burst(room); // 4 in the sync, 11 in the gap, of which 2 pages of 3 are filled
    const kept = commands.slice(-10);
    for (const c of kept) await hs.waitForSent((s) => repliesTo(c).includes(s), 30_000);
    await settle(room);
    expect(commands.map((c) => repliesTo(c).length)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(out).toMatch(/a gap in the room is larger than the back-fill bound/);
  });

  it('after a restart, pages back past the first sync’s 20 events to everything sent while it was down', async () => {
    hs = await fakeHomeserver();
    const dir = tempDir();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA, ...USERS] });
    const first = await startBot(hs, dir);
    await settle(room);
    await first.stop();
    const commands = [...burst(room), ...burst(room, '!pw help help')]; // 30 commands, more than the first sync's 20
    bots.push(await startBot(hs, dir));
    await expectEachAnsweredOnce(room, commands);
  });
});
