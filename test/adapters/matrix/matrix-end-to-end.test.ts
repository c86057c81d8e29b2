import { afterEach, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../../src/core/commands/index.js';
import { createReminderLoop } from '../../../src/reminders/loop.js';
import { FakeClock } from '../../fakes/clock.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { ALICE, BOT, MIA, fakeHomeserver, startBot, type Bot } from './harness.js';

const SEED_000 = 'ishr-2020-mexico-questions';
let hs: FakeHomeserver | undefined;
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  await hs?.stop();
  hs = undefined;
});

async function boot(dir: string, clock?: FakeClock) {
  const bot = await startBot(hs!, dir, {}, {}, clock);
  bots.push(bot);
  return bot;
}

const relation = (s: SentRecord) => s.content['m.relates_to'] as { rel_type?: string; event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;
const replyTo = (eventId: string) => (s: SentRecord) => relation(s)?.['m.in_reply_to']?.event_id === eventId;
/** Says `text` as `user` and resolves with the bot's answer. */
async function ask(room: string, user: string, text: string) {
  const q = hs!.say(room, user, text);
  return { q, answer: await hs!.waitForSent(replyTo(q)) };
}

/** What the ledger says, asked the way `npx pledgewatch outstanding Mexico --json` asks it. */
async function seed000Outstanding(bot: Bot): Promise<string[]> {
  const r = await bot.app.core.handle({ platform: 'cli', channel: 'cli', user: 'cli:test', text: 'outstanding Mexico', isDirect: true });
  const data = r.data as { outstanding: { letter: string; number: string }[] };
  return data.outstanding.filter((q) => q.letter === SEED_000).map((q) => q.number);
}

const hasAsk = buildRegistry().find('ask') !== undefined;

describe('end to end through Matrix, with the real app (ledger, reminders)', () => {
  it.runIf(hasAsk)('a member asks in a room, by mention, and gets a threaded, cited answer', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    await boot(tempDir());
    const { q, answer } = await ask(room, MIA, 'pledgewatch: what did the Special Rapporteur recommend about journalists in Mexico?');
    expect(relation(answer)).toMatchObject({ rel_type: 'm.thread', event_id: q, is_falling_back: true });
    const html = String(answer.content.formatted_body);
    expect(html).toMatch(/<blockquote>/); // a quoted passage…
    expect(html).toMatch(/<em>[^<]*(Special Rapporteur|statement|2017)[^<]*<\/em>/i); // …with its citation
    expect(String(answer.content.body)).toMatch(/— /);
  });


  it('`!pw outstanding Mexico` lists the questions in a thread; only a coordinator records `answered Mexico 5`, as news for the room', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const bot = await boot(tempDir());
    expect(await seed000Outstanding(bot)).toHaveLength(36);

    const listed = await ask(room, MIA, '!pw outstanding Mexico');
    expect(relation(listed.answer)).toMatchObject({ rel_type: 'm.thread', event_id: listed.q });
    expect(String(listed.answer.content.body)).toMatch(/I\(dh\)eas, Litigio Estratégico en Derechos Humanos/);
    expect(String(listed.answer.content.formatted_body)).toMatch(/<li>/);

    const refused = await ask(room, MIA, '!pw answered Mexico 5');
    expect(refused.answer.content.body).toMatch(/only the coalition's coordinators can use `answered`/);
    expect(await seed000Outstanding(bot)).toHaveLength(36);

    const recorded = await ask(room, ALICE, '!pw answered Mexico 5');
    expect(relation(recorded.answer)).toEqual({ 'm.in_reply_to': { event_id: recorded.q } }); // in the room, not a thread
    const left = await seed000Outstanding(bot);
    expect(left).toHaveLength(35);
    expect(left).not.toContain('5');
  });

  it('a coordinator sets a deadline and subscribes the room; the due reminder arrives exactly once, across a restart', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const dir = tempDir();
    const clock = new FakeClock('2026-12-01T08:00:00Z');
    const first = await boot(dir, clock);
    await ask(room, ALICE, '!pw deadline Mexico 2026-12-04');
    expect((await ask(room, MIA, '!pw subscribe Mexico')).answer.content.body).toMatch(/only the coalition's coordinators/);
    expect((await ask(room, ALICE, '!pw subscribe Mexico')).answer.content.body).toMatch(/This channel is subscribed/);
    await ask(room, ALICE, '!pw answered Mexico 5');

    const loopOf = (bot: Bot) =>
      createReminderLoop({
        reminders: bot.app.services.reminders,
        senders: new Map([['matrix', bot.adapter.sender]]),
        clock,
        logger: bot.app.services.logger,
        graceHours: bot.app.config.reminders.graceHours,
      });
    const reminders = () => hs!.sent.filter((s) => s.roomId === room && !relation(s));
    const loop = loopOf(first);
    await loop.tick();
    const early = reminders().length;
    clock.set('2026-12-01T09:00:30Z'); // 09:00 coalition time (UTC here), three days before the deadline
    await loop.tick();
    expect(reminders()).toHaveLength(early + 1);
    const posted = reminders().at(-1)!;
    expect(posted.content).toMatchObject({ msgtype: 'm.notice', 'm.mentions': {} });
    expect(String(posted.content.body)).toMatch(/Mexico/);
    expect(String(posted.content.body)).toMatch(/35/);
    expect((await loop.tick()).sent).toBe(0);
    await loop.stop();
    await first.stop();

    const second = await boot(dir, clock);
    const again = loopOf(second);
    expect((await again.tick()).sent).toBe(0);
    await again.stop();
    expect(reminders()).toHaveLength(early + 1);
    const txns = reminders().map((s) => s.txnId);
    expect(new Set(txns).size).toBe(txns.length);
  });
});
