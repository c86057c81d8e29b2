import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/kernel/reply.js';
import { renderPlain } from '../../src/kernel/reply.js';
import type { Sender } from '../../src/kernel/sender.js';
import { deadlineForChannel } from '../../src/ledger/privacy.js';
import { createReminderLoop } from '../../src/reminders/loop.js';
import { COORDINATOR, MEMBER, startPage } from './harness.js';

/**
 * The rule: a sensitive asker's name appears only in private channels and to coordinators in private; open
 * channels' replies and reminders, exports from an open channel or by a member, and the printed page read
 * "a coalition member"; logs never hold it. (The page's side is in page-http and page-browser.)
 */

const NAME = 'I(dh)eas';
const everything = (r: Reply) => renderPlain(r) + JSON.stringify(r.data ?? null) + JSON.stringify(r.blocks);
const OPEN = 'slack:COPEN';
const PRIVATE = 'slack:CPRIVATE';

describe('sensitive askers', () => {
  it('only coordinators mark them; the confirmation is private; members and open channels then read the mask in every reply and export', async () => {
    const h = await startPage();
    try {
      const refused = await h.say(`sensitive ${NAME}`, { user: MEMBER });
      expect(renderPlain(refused)).toMatch(/only the coalition's coordinators/);
      expect(everything(await h.say('outstanding Mexico', { user: MEMBER }))).toContain(NAME);

      const marked = await h.say(`sensitive ${NAME}`);
      expect(marked.visibility).toBe('private');
      expect(renderPlain(marked)).toMatch(/now sensitive.*a coalition member.*8 tracked questions name it/s);
      expect(((await h.say('sensitive')).data as { sensitive: string[] }).sensitive).toEqual([NAME]);

      // Open channel: members and coordinators alike (a reply there can be shared into the channel).
      for (const user of [MEMBER, COORDINATOR]) {
        for (const command of ['outstanding Mexico', 'question Mexico 5', 'export Mexico csv', 'export Mexico json']) {
          const r = await h.say(command, { user, channel: OPEN });
          expect(everything(r), `${command} by ${user} in an open channel`).not.toContain(NAME);
          expect(everything(r), command).toContain('a coalition member');
        }
      }
      // A member's direct message: masked. A coordinator's: names.
      expect(everything(await h.say('outstanding Mexico', { user: MEMBER, channel: 'slack:DMEMBER', isDirect: true }))).not.toContain(NAME);
      expect(everything(await h.say('question Mexico 5', { user: COORDINATOR, channel: 'slack:DCOORD', isDirect: true }))).toContain(NAME);
      // The operator's CLI: names.
      expect(everything(await h.say('export Mexico csv', { platform: 'cli', channel: 'cli', isDirect: true }))).toContain(NAME);

      // A private channel: replies show names to anyone there; an export keeps them only for a coordinator.
      expect(renderPlain(await h.say('channel private', { user: MEMBER, channel: PRIVATE }))).toMatch(/only the coalition's coordinators/);
      const made = await h.say('channel private', { channel: PRIVATE });
      expect(made.visibility).toBe('channel');
      expect(everything(await h.say('outstanding Mexico', { user: MEMBER, channel: PRIVATE }))).toContain(NAME);
      expect(everything(await h.say('export Mexico csv', { user: MEMBER, channel: PRIVATE }))).not.toContain(NAME);
      expect(everything(await h.say('export Mexico csv', { user: COORDINATOR, channel: PRIVATE }))).toContain(NAME);
      expect(((await h.say('channel', { channel: PRIVATE })).data as { private: boolean }).private).toBe(true);
      await h.say('channel open', { channel: PRIVATE });
      expect(everything(await h.say('outstanding Mexico', { user: MEMBER, channel: PRIVATE }))).not.toContain(NAME);

      // A chase-up draft leaves the coalition: masked even for a coordinator in a private channel or on the CLI.
      await h.say('channel private', { channel: PRIVATE });
      for (const over of [{ channel: PRIVATE }, { platform: 'cli' as const, channel: 'cli', isDirect: true }]) {
        const draft = await h.say('draft Mexico', over);
        expect(everything(draft)).not.toContain(NAME);
        expect(everything(draft)).toContain('a coalition member');
      }
      await h.say('channel open', { channel: PRIVATE });

      // --off: names are back everywhere.
      await h.say(`sensitive --off ${NAME}`);
      expect(everything(await h.say('outstanding Mexico', { user: MEMBER, channel: OPEN }))).toContain(NAME);
      expect(h.logs()).not.toContain(NAME);
    } finally {
      await h.close();
    }
  });

  it('reminders read the mask in open channels and the name in private ones; the logs hold neither', async () => {
    const h = await startPage();
    try {
      await h.say(`sensitive ${NAME}`);
      await h.say('channel private', { channel: PRIVATE });
      await h.say('subscribe Mexico', { channel: OPEN });
      await h.say('subscribe Mexico', { channel: PRIVATE });
      const posted: { channel: string; reply: Reply }[] = [];
      const sender: Sender = {
        platform: 'slack',
        async send(channel, reply) {
          posted.push({ channel, reply });
          return { messageId: String(posted.length) };
        },
      };
      const loop = createReminderLoop({
        reminders: h.app.services.reminders,
        senders: new Map([['slack', sender]]),
        clock: h.clock,
        logger: h.app.services.logger,
        graceHours: 24,
      });
      // 2020-10-09 is the deadline: the 7-day reminder is due on 2 October at 09:00.
      h.clock.set('2020-10-02T09:00:30Z');
      await loop.tick();
      await loop.stop();
      const open = posted.filter((p) => p.channel === OPEN);
      const priv = posted.filter((p) => p.channel === PRIVATE);
      expect(open.length).toBeGreaterThan(0);
      expect(priv.length).toBe(open.length);
      for (const p of open) expect(everything(p.reply)).not.toContain(NAME);
      expect(open.some((p) => everything(p.reply).includes('a coalition member'))).toBe(true);
      expect(priv.some((p) => everything(p.reply).includes(NAME))).toBe(true);
      expect(h.logs()).not.toContain(NAME);
      expect(h.logs()).toContain('reminder posted');
    } finally {
      await h.close();
    }
  });
});
