import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Command } from '../../../src/core/registry.js';
import { reply } from '../../../src/kernel/reply.js';
import { splitReply } from '../../../adapters/matrix/matrix-html.js';
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

async function boot(env: Record<string, string> = {}, dataDir = tempDir()) {
  const bot = await startBot(hs!, dataDir, env);
  bots.push(bot);
  return bot;
}

const replyTo = (eventId: string) => (s: SentRecord) => {
  const rel = s.content['m.relates_to'] as { event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;
  return rel?.['m.in_reply_to']?.event_id === eventId;
};

/** Proves a message got no answer: a later command's answer arrived, and the bot sends one message at a time, in order. */
async function settle(room: string) {
  const marker = hs!.say(room, MIA, '!pw help help');
  await hs!.waitForSent(replyTo(marker));
}

/** A stand-in for the ledger's `answered` until it lands; the real one is used when present. */
const answeredStub: Command = {
  name: 'answered',
  summary: 'Records that a State answered a question.',
  usage: 'answered <State> <question>',
  examples: [],
  role: 'coordinator',
  args: z.object({ words: z.array(z.string()) }),
  parse: (line) => ({ words: line.words }),
  run: () => reply([{ kind: 'text', text: 'Recorded.' }]),
};

describe('the Matrix adapter, with the real SDK against a homeserver', () => {
  it('answers a prefixed command in a room with a threaded HTML notice that mentions only the asker', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA], name: 'Coalition' });
    await boot();
    const q = hs.say(room, MIA, '!pw help');
    const sent = await hs.waitForSent(replyTo(q));
    expect(sent.content).toMatchObject({
      msgtype: 'm.notice',
      format: 'org.matrix.custom.html',
      'm.relates_to': { rel_type: 'm.thread', event_id: q, is_falling_back: true, 'm.in_reply_to': { event_id: q } },
      'm.mentions': { user_ids: [MIA] },
    });
    expect(String(sent.content.formatted_body)).toMatch(/<ul><li>.*<li><strong>!pw help \[command\]<\/strong>/);
    expect(String(sent.content.body)).toMatch(/help \[command\]/);
    expect(hs.unknown).toEqual([]);
  });

  it('answers a mention and anything in a DM, stays in an existing thread, and ignores chatter, notices and itself', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const dm = hs.createRoom({ creator: MIA });
    hs.invite(dm, MIA, BOT, { isDirect: true });
    const bot = await boot({ MATRIX_ALLOWED_INVITERS: ':fake.test' });
    await hs.until(() => hs!.membership(dm, BOT) === 'join');

    hs.say(room, MIA, 'help, anyone?');
    hs.say(room, BOT, '!pw help'); // its own message (another session of the bot account)
    hs.say(room, MIA, '!pw help', { msgtype: 'm.notice' });
    const mention = hs.say(room, MIA, 'pledgewatch: help', { content: { 'm.mentions': { user_ids: [BOT] } } });
    const byMention = await hs.waitForSent(replyTo(mention));
    expect(byMention.content.body).toMatch(/help \[command\]/);

    const inThread = hs.say(room, MIA, '!pw help help', { content: { 'm.relates_to': { rel_type: 'm.thread', event_id: mention, is_falling_back: true, 'm.in_reply_to': { event_id: mention } } } });
    const threaded = await hs.waitForSent(replyTo(inThread));
    expect(threaded.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: mention });

    const direct = hs.say(dm, MIA, 'help');
    const inDm = await hs.waitForSent(replyTo(direct));
    expect(inDm.roomId).toBe(dm);
    expect(inDm.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: direct } });

    await settle(room);
    const inRoom = hs.sent.filter((s) => s.roomId === room);
    expect(inRoom).toHaveLength(3); // mention, thread, marker: no answer to chatter, the notice or itself
    expect(bot.adapter.status()).toEqual({ connected: true });
  });

  it("refuses a non-coordinator's `answered`, takes a configured coordinator's, and a power level of 50 in a coordination room when asked to", async () => {
    hs = await fakeHomeserver();
    const moderator = '@mod:fake.test';
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA, moderator], powerLevels: { [moderator]: 50 } });
    const bot = await boot({ MATRIX_POWER_LEVEL_COORDINATORS: 'true', MATRIX_COORDINATION_ROOMS: room });
    if (!bot.app.core.registry.find('answered')) bot.app.core.registry.add(answeredStub);

    const byMia = hs.say(room, MIA, '!pw answered Mexico 5');
    const refused = await hs.waitForSent(replyTo(byMia));
    expect(refused.content.body).toMatch(/only the coalition's coordinators can use `answered`/);

    const byAlice = hs.say(room, ALICE, '!pw answered Mexico 5');
    expect((await hs.waitForSent(replyTo(byAlice))).content.body).not.toMatch(/only the coalition's coordinators/);
    const byMod = hs.say(room, moderator, '!pw answered Mexico 5');
    expect((await hs.waitForSent(replyTo(byMod))).content.body).not.toMatch(/only the coalition's coordinators/);
  });

  it('does not treat power level 50 as coordinator unless configured', async () => {
    hs = await fakeHomeserver();
    const moderator = '@mod:fake.test';
    const room = hs.createRoom({ creator: ALICE, members: [BOT, moderator], powerLevels: { [moderator]: 50 } });
    const bot = await boot();
    if (!bot.app.core.registry.find('answered')) bot.app.core.registry.add(answeredStub);
    const byMod = hs.say(room, moderator, '!pw answered Mexico 5');
    expect((await hs.waitForSent(replyTo(byMod))).content.body).toMatch(/only the coalition's coordinators/);
  });

  it('escapes what users type: a link, @room and bold come back as text', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    await boot();
    const q = hs.say(room, MIA, '!pw help "<a href=\'//ev.il\'>x</a> @room <b>b</b>"');
    const sent = await hs.waitForSent(replyTo(q));
    const html = String(sent.content.formatted_body);
    // (help quotes at most 40 typed characters back)
    expect(html).toContain('&lt;a href=&#39;//ev.il&#39;&gt;x&lt;/a&gt;');
    expect(html).toContain('&lt;b&gt;b&lt;/b&gt;');
    expect(html).not.toMatch(/<a |<b>/);
    expect(html).not.toMatch(/@room/);
    expect(String(sent.content.body)).not.toMatch(/@room/);
    expect(sent.content['m.mentions']).toEqual({ user_ids: [MIA] });
  });

  it('sends a reply too large for one event as several messages in the thread, each once', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot();
    const items = Array.from({ length: 1200 }, (_, i) => ({ label: String(i + 1), text: 'y'.repeat(90) }));
    bot.app.core.registry.add({ ...answeredStub, name: 'everything', role: 'member', run: () => reply([{ kind: 'list', items }]) });
    hs.rateLimitSends(1, 20);
    const q = hs.say(room, MIA, '!pw everything');
    const expected = splitReply(reply([{ kind: 'list', items }])).length;
    expect(expected).toBeGreaterThan(1);
    const first = await hs.waitForSent(replyTo(q));
    await hs.waitForSent((s) => s.txnId === `${first.txnId}.${expected - 1}`);
    await settle(room);
    const parts = hs.sent.filter(replyTo(q));
    expect(parts).toHaveLength(expected);
    for (const p of parts) expect(p.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: q });
    expect(parts.map((p) => p.txnId)).toEqual(parts.map((_, i) => (i ? `${parts[0]!.txnId}.${i}` : parts[0]!.txnId)));
    expect(parts.map((p) => String(p.content.body)).join('').match(/•/g)).toHaveLength(1200);
  });
});

