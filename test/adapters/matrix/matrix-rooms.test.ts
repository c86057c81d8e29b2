import { afterEach, describe, expect, it } from 'vitest';
import { reply } from '../../../src/kernel/reply.js';
import { tempDir } from '../../fakes/temp-dir.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { ALICE, BOT, MIA, STRANGER, fakeHomeserver, startBot, type Bot } from './harness.js';

let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

async function boot(env: Record<string, string> = {}) {
  const bot = await startBot(hs!, tempDir(), env);
  bots.push(bot);
  return bot;
}

const replyTo = (eventId: string) => (s: SentRecord) =>
  (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId;

describe('Matrix invites', () => {
  it('declines an invite from someone not allowed, joins on an allowed one, and does not answer the room’s history', async () => {
    hs = await fakeHomeserver();
    const strangers = hs.createRoom({ creator: STRANGER });
    const room = hs.createRoom({ creator: ALICE, members: [MIA] });
    hs.say(room, MIA, '!pw help'); // said before the bot was invited
    await boot();

    hs.invite(strangers, STRANGER, BOT);
    await hs.until(() => hs!.membership(strangers, BOT) === 'leave');

    hs.say(room, MIA, '!pw help', { ts: Date.now() - 1_000 }); // a second old: after start, before the join
    hs.invite(room, ALICE, BOT);
    await hs.until(() => hs!.membership(room, BOT) === 'join');
    hs.redeliver(room); // what a real server does: the joined room's recent history arrives as live events
    const q = hs.say(room, MIA, '!pw help');
    await hs.waitForSent(replyTo(q));
    expect(hs.sent.filter((s) => s.roomId === room)).toHaveLength(1);
    expect(hs.sent.filter((s) => s.roomId === strangers)).toHaveLength(0);
  });

  it('a coordinator named in PLEDGEWATCH_COORDINATORS may invite with MATRIX_ALLOWED_INVITERS empty; power levels never let anyone invite', async () => {
    hs = await fakeHomeserver();
    const coordination = hs.createRoom({ creator: MIA, members: [BOT] }); // mia holds level 100 in a coordination room
    await boot({ MATRIX_ALLOWED_INVITERS: '', MATRIX_POWER_LEVEL_COORDINATORS: 'true', MATRIX_COORDINATION_ROOMS: coordination });
    const byMia = hs.createRoom({ creator: MIA });
    hs.invite(byMia, MIA, BOT);
    await hs.until(() => hs!.membership(byMia, BOT) === 'leave');
    const byAlice = hs.createRoom({ creator: ALICE, members: [MIA] });
    hs.invite(byAlice, ALICE, BOT); // alice is a coordinator by name (the harness's PLEDGEWATCH_COORDINATORS)
    await hs.until(() => hs!.membership(byAlice, BOT) === 'join');
  });

  it('with nobody named in either setting, it joins no room', async () => {
    hs = await fakeHomeserver();
    await boot({ MATRIX_ALLOWED_INVITERS: '', PLEDGEWATCH_COORDINATORS: 'slack:U0123ABC' });
    const room = hs.createRoom({ creator: ALICE });
    hs.invite(room, ALICE, BOT);
    await hs.until(() => hs!.membership(room, BOT) === 'leave');
  });

  it('takes a whole allowed server, and invites waiting from before the start', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: MIA });
    hs.invite(room, MIA, BOT);
    await boot({ MATRIX_ALLOWED_INVITERS: ':fake.test' });
    await hs.until(() => hs!.membership(room, BOT) === 'join');
  });
});

describe('an end-to-end encrypted room', () => {
  it('says once, in a plain notice, that it cannot work there, and refuses to pretend a reminder went out', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [MIA], encrypted: true });
    hs.invite(room, ALICE, BOT);
    const bot = await boot();
    const notice = await hs.waitForSent((s) => s.roomId === room);
    expect(notice.type).toBe('m.room.message');
    expect(notice.content).toMatchObject({ msgtype: 'm.notice', body: expect.stringMatching(/end-to-end encrypted/) });
    await expect(bot.adapter.sender.send(`matrix:${room}`, reply([{ kind: 'text', text: 'Reminder' }]), 'reminder-1')).rejects.toThrow(/encrypted/);

    // a restart does not repeat the notice
    await bot.stop();
    await boot();
    const plain = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const q = hs.say(plain, MIA, '!pw help');
    await hs.waitForSent(replyTo(q));
    expect(hs.sent.filter((s) => s.roomId === room)).toHaveLength(1);
  });
});

describe('the Matrix log', () => {
  it('never holds message text, the access token or user ids, even at trace level', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../../src/logging.js');
    let out = '';
    const destination = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const strangers = hs.createRoom({ creator: STRANGER });
    const bot = await startBot(hs, tempDir(), {}, { logger: createLogger({ level: 'trace', destination }) });
    bots.push(bot);
    hs.invite(strangers, STRANGER, BOT);
    hs.rateLimitSends(1, 10);
    const q = hs.say(room, MIA, '!pw help "secret-phrase-about-a-defender"');
    await hs.waitForSent(replyTo(q));
    await hs.until(() => hs!.membership(strangers, BOT) === 'leave');
    await bot.stop();
    expect(out).toMatch(/matrix connected/);
    expect(out).toMatch(/"inviters":\{"users":1,"servers":\[\],"coordinators":0\}/); // who may invite, without their ids
    expect(out).not.toMatch(/secret-phrase|bot-token|@mia|@alice|@stranger|mia:fake|have no command/);
  });
});
