import { z } from 'zod';
import { askerKey, isSensitive } from '../../ledger/privacy.js';
import { noWords } from '../command-line.js';
import { UserError } from '../../kernel/errors.js';
import type { Command, CommandContext } from '../registry.js';
import { reply } from '../../kernel/reply.js';

/** The ledger page's link, and the two switches of the sensitive-asker rule (src/ledger/privacy.ts). */

const pageCommand: Command<Record<string, never>> = {
  name: 'page',
  aliases: ['pagina', 'página'],
  summary: 'A private link to the ledger page (bars, deadlines, what changed this week); it works once, for 15 minutes.',
  usage: 'page',
  examples: ['page'],
  role: 'member',
  args: z.object({}),
  parse: noWords,
  run(_args, { services, actor }) {
    if (!services.page) throw new UserError('page-off', 'The ledger page is turned off here.', 'The operator can turn it on with PLEDGEWATCH_PAGE_PORT.');
    // A coordinator's link shows sensitive askers' names on screen (never in print); a member's never does.
    const { url, expiresAt } = services.page.issue({ reveal: actor.isCoordinator });
    return reply(
      [
        { kind: 'text', text: `Your link to the ledger page (only you can see it; it works once, until ${expiresAt.toISOString().slice(11, 16)} UTC):` },
        { kind: 'text', text: url },
        { kind: 'text', text: 'Open it and press the button: that starts a 12-hour session in your browser.', tone: 'muted' },
      ],
      { visibility: 'private', shareable: false, data: { url } },
    );
  },
};

function privacyOf(ctx: CommandContext) {
  if (!ctx.services.privacy) throw new Error('no privacy store in services');
  return ctx.services.privacy;
}

/** How many tracked questions name this asker (so a misspelt name is noticed). */
function questionsAskedBy(ctx: CommandContext, name: string): number {
  const one = new Set([askerKey(name)]);
  const ledger = ctx.services.ledger;
  return ledger.trackedStates().reduce((n, s) => n + ledger.lettersOf(s.id).reduce((m, l) => m + l.questions.filter((q) => q.askedBy.some((a) => isSensitive(a, one))).length, 0), 0);
}

const sensitiveCommand: Command<{ name: string; off: boolean }> = {
  name: 'sensitive',
  summary: 'Mark an asking organisation as sensitive: its name then shows only in private channels and to coordinators.',
  usage: 'sensitive [--off] [organisation]',
  examples: ['sensitive', 'sensitive Article 19', 'sensitive --off Article 19'],
  role: 'coordinator',
  flags: { off: 'boolean' },
  args: z.object({ name: z.string().max(200, 'That name is too long.'), off: z.boolean() }),
  parse: (line) => ({ name: line.words.join(' ').trim(), off: line.flags.off === true }),
  run({ name, off }, ctx) {
    const privacy = privacyOf(ctx);
    const at = ctx.services.clock.now().toISOString();
    if (!name) {
      if (off) throw new UserError('no-name', 'Which organisation?', 'Such as `sensitive --off Article 19`.');
      const names = privacy.sensitiveAskers();
      return reply(
        names.length
          ? [{ kind: 'list', title: 'Sensitive askers (shown as “a coalition member” outside private channels):', items: names.map((n) => ({ text: n })) }]
          : [{ kind: 'text', text: 'No asker is marked sensitive.' }, { kind: 'text', text: 'Type `sensitive <organisation>` to mark one.', tone: 'muted' }],
        { visibility: 'private', data: { sensitive: names } },
      );
    }
    if (!askerKey(name)) throw new UserError('no-name', 'Which organisation?', 'Give its name as the letters write it.');
    // Counted before the change: in an open channel the ledger this command reads is masked once it is marked.
    const n = questionsAskedBy(ctx, name);
    const changed = privacy.setSensitive(name, !off, ctx.actor.id, at);
    ctx.services.logger.child({ module: 'privacy' }).info({ action: off ? 'sensitive-off' : 'sensitive-on', changed }, 'sensitive askers changed');
    const found = n ? `${n} tracked question${n === 1 ? ' names' : 's name'} it as asker.` : 'No tracked question names it as asker yet: check the spelling against the letters.';
    const text = off
      ? changed ? `${name} is no longer marked sensitive. ${found}` : `${name} was not marked sensitive; nothing changed.`
      : changed ? `${name} is now sensitive: outside private channels it reads “a coalition member”. ${found}` : `${name} was already marked sensitive. ${found}`;
    // The confirmation holds the name itself: only the coordinator sees it.
    return reply([{ kind: 'text', text }], { visibility: 'private', data: { name, sensitive: !off, changed, questions: n } });
  },
};

const channelCommand: Command<{ mode?: string }> = {
  name: 'channel',
  summary: 'Mark this channel private (the coalition’s own: sensitive askers’ names are shown) or open (the default).',
  usage: 'channel [private|open]',
  examples: ['channel', 'channel private', 'channel open'],
  role: 'coordinator',
  args: z.object({ mode: z.enum(['private', 'open'], { message: 'Say `channel private` or `channel open`.' }).optional() }),
  parse: (line) => {
    if (line.words.length > 1) throw new UserError('extra-words', 'Say `channel private` or `channel open`, nothing more.', 'Type it in the channel itself.');
    return { mode: line.words[0]?.toLowerCase() };
  },
  run({ mode }, ctx) {
    const privacy = privacyOf(ctx);
    const channel = ctx.incoming.channel;
    if (ctx.incoming.platform === 'console' || (ctx.incoming.platform === 'cli' && !channel.includes(':'))) {
      throw new UserError('not-a-channel', 'Type this in the Slack channel or Matrix room itself.', 'From the CLI, name it: `npx pledgewatch channel private --channel slack:C0123ABC`.');
    }
    if (!mode) {
      const now = privacy.isPrivateChannel(channel) ? 'private: sensitive askers’ names are shown here' : 'open: sensitive askers read “a coalition member” here';
      return reply([{ kind: 'text', text: `This channel is ${now}.` }], { data: { channel, private: privacy.isPrivateChannel(channel) } });
    }
    const changed = privacy.setChannelPrivate(channel, mode === 'private', ctx.actor.id, ctx.services.clock.now().toISOString());
    ctx.services.logger.child({ module: 'privacy' }).info({ action: `channel-${mode}`, channel, changed }, 'channel privacy changed');
    const text =
      mode === 'private'
        ? 'This channel is now private: sensitive askers’ names are shown here, in replies and reminders. Keep it to the coalition.'
        : 'This channel is now open: sensitive askers read “a coalition member” here.';
    return reply([{ kind: 'text', text: changed ? text : `This channel was already ${mode}; nothing changed.` }], { visibility: changed ? 'channel' : 'asker', data: { channel, private: mode === 'private', changed } });
  },
};

export const pageCommands: Command[] = [pageCommand, sensitiveCommand, channelCommand];
