import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { ALICE, BOT, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

/**
 * Who a Matrix user is to the bot. The ledger is global: a room's power levels may make someone a coordinator
 * only in a room listed in MATRIX_COORDINATION_ROOMS, never in a room any member can create and invite the bot to.
 */

const SEED_000 = 'ishr-2020-mexico-questions';
let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

const replyTo = (eventId: string) => (s: SentRecord) =>
  (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId;

async function ask(room: string, user: string, text: string): Promise<string> {
  const q = hs!.say(room, user, text);
  return String((await hs!.waitForSent(replyTo(q))).content.body);
}

/** The ledger and the room's subscription, read the way the CLI reads them. */
async function ledgerOf(bot: Bot, room: string) {
  const cli = (text: string, channel = 'cli') => bot.app.core.handle({ platform: 'cli', channel, user: 'cli:test', text, isDirect: true });
  const outstanding = ((await cli('outstanding Mexico')).data as { outstanding: { letter: string; number: string }[] }).outstanding
    .filter((q) => q.letter === SEED_000)
    .map((q) => q.number);
  const deadline = ((await cli('deadlines')).data as { letter: string; deadline: string | null }[]).find((d) => d.letter === SEED_000)?.deadline;
  const subscription = ((await cli('reminders', `matrix:${room}`)).data as { subscription: unknown }).subscription ?? null;
  return { outstanding, deadline, subscription };
}

describe('power levels and the global ledger', () => {
  it('a member who creates a room (level 100) and invites the bot gets no coordinator rights there; in a coordination room level 100 does', async () => {
    hs = await fakeHomeserver();
    // the coalition's own room, listed as a coordination room; alice made it and holds level 100 there
    const coordination = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await startBot(hs, tempDir(), {
      MATRIX_ALLOWED_INVITERS: ':fake.test', // anyone on the coalition's server may invite the bot
      MATRIX_POWER_LEVEL_COORDINATORS: 'true',
      MATRIX_COORDINATION_ROOMS: coordination,
      PLEDGEWATCH_COORDINATORS: '', // nobody is a coordinator by name: only power levels could make one
    });
    bots.push(bot);

    // the attack: mia creates her own room (creator: level 100) and invites the bot, which accepts
    const own = hs.createRoom({ creator: MIA });
    hs.invite(own, MIA, BOT);
    await hs.until(() => hs!.membership(own, BOT) === 'join');
    const before = await ledgerOf(bot, own);
    expect(before.outstanding).toContain('6');

    expect(await ask(own, MIA, '!pw answered Mexico 6')).toMatch(/only the coalition's coordinators can use `answered`/);
    expect(await ask(own, MIA, '!pw deadline Mexico 2031-01-01')).toMatch(/only the coalition's coordinators can use `deadline`/);
    expect(await ask(own, MIA, '!pw subscribe')).toMatch(/only the coalition's coordinators can use `subscribe`/);
    expect(await ledgerOf(bot, own)).toEqual(before);

    // in the listed coordination room, level 100 is a coordinator; mia (level 0) is still refused there
    expect(await ask(coordination, MIA, '!pw answered Mexico 6')).toMatch(/only the coalition's coordinators/);
    expect(await ask(coordination, ALICE, '!pw answered Mexico 6')).not.toMatch(/only the coalition's coordinators/);
    expect(await ask(coordination, ALICE, '!pw deadline Mexico 2031-01-01')).not.toMatch(/only the coalition's coordinators/);
    expect(await ask(coordination, ALICE, '!pw subscribe')).toMatch(/This channel is subscribed/);
    const after = await ledgerOf(bot, coordination);
    expect(after.outstanding).not.toContain('6');
    expect(after.deadline).toMatch(/^2031-01-01/);
    expect(after.subscription).not.toBeNull();
  });

  it('with MATRIX_COORDINATION_ROOMS empty, power levels make no one a coordinator', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: MIA, members: [BOT] });
    const bot = await startBot(hs, tempDir(), { MATRIX_POWER_LEVEL_COORDINATORS: 'true', PLEDGEWATCH_COORDINATORS: '' });
    bots.push(bot);
    const before = await ledgerOf(bot, room);
    expect(await ask(room, MIA, '!pw answered Mexico 6')).toMatch(/only the coalition's coordinators can use `answered`/);
    expect(await ledgerOf(bot, room)).toEqual(before);
  });
});
