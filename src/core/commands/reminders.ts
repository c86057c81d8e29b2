import { DateTime } from 'luxon';
import { z } from 'zod';
import { kindLabel } from '../../reminders/render.js';
import type { ChannelReminders, ReminderView } from '../../reminders/service.js';
import type { Command } from '../registry.js';
import { reply, type Block, type Reply } from '../reply.js';

/** Reminder commands: a channel subscribes, unsubscribes, and sees what it will get and when. */

const when = (r: ReminderView) => DateTime.fromISO(r.dueAt, { setZone: true }).setZone(r.timezone).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm ZZZZ');

const statusNote: Record<string, string> = {
  sent: 'posted',
  claimed: 'being posted',
  sending: 'being posted',
  'needs-review': 'could not be posted: tell the operator',
};

function listing(r: ChannelReminders, heading: string): Reply {
  const blocks: Block[] = [{ kind: 'heading', text: heading }];
  if (!r.subscription) {
    blocks.push({ kind: 'text', text: 'This channel is not subscribed to reminders.' }, { kind: 'text', text: 'A coordinator can type `subscribe` (every State) or `subscribe Mexico`.', tone: 'muted' });
  } else {
    const s = r.subscription;
    blocks.push({ kind: 'text', text: `States: ${s.states ? s.states.join(', ') : 'every tracked State'}. Reminders at ${s.time}, ${s.timezone} time.` });
    if (!r.reminders.length) blocks.push({ kind: 'text', text: 'Nothing is planned: no tracked letter with a dated deadline has questions outstanding for these States.', tone: 'muted' });
    else
      blocks.push({
        kind: 'list',
        items: r.reminders.map((x) => ({
          label: when(x),
          text: x.kind === 'missed-summary' ? 'summary of reminders missed while offline' : `${x.state}, ${x.letter}: ${kindLabel(x.kind)} reminder`,
          detail: statusNote[x.status],
        })),
      });
  }
  return reply(blocks, { data: { channel: r.channel, subscription: r.subscription, reminders: r.reminders } });
}

export const reminderCommands: Command[] = [
  {
    name: 'subscribe',
    summary: 'Post deadline reminders in this channel, for every State or the ones named.',
    usage: 'subscribe [State …] [--timezone <zone>] [--time HH:MM]',
    examples: ['subscribe', 'subscribe Mexico', 'subscribe Mexico Guatemala --timezone America/Mexico_City --time 08:30'],
    role: 'coordinator',
    flags: { timezone: 'value', time: 'value' },
    args: z.object({ states: z.array(z.string()), timezone: z.string().optional(), time: z.string().optional() }),
    parse: (line) => ({ states: line.words, timezone: line.flags.timezone, time: line.flags.time }),
    async run({ states, timezone, time }, { incoming, actor, services }) {
      const r = await services.reminders.subscribe(incoming.channel, states, { timezone, time }, actor.id);
      const out = listing(r, 'This channel is subscribed to deadline reminders.');
      return { ...out, visibility: 'channel' };
    },
  },
  {
    name: 'unsubscribe',
    summary: 'Stop posting reminders in this channel.',
    usage: 'unsubscribe',
    examples: ['unsubscribe'],
    role: 'coordinator',
    args: z.object({}),
    parse: () => ({}),
    run(_args, { incoming, services }) {
      const { removed } = services.reminders.unsubscribe(incoming.channel);
      return reply([{ kind: 'text', text: removed ? 'This channel will get no more reminders.' : 'This channel was not subscribed to reminders; nothing changed.' }], {
        visibility: removed ? 'channel' : 'asker',
        data: { channel: incoming.channel, unsubscribed: removed },
      });
    },
  },
  {
    name: 'retry-reminders',
    summary: 'Try again the reminders of this channel that could not be posted.',
    usage: 'retry-reminders',
    examples: ['retry-reminders'],
    role: 'coordinator',
    args: z.object({}),
    parse: () => ({}),
    run(_args, { incoming, services }) {
      const n = services.reminders.retry(incoming.channel);
      return reply(
        [{ kind: 'text', text: n ? `${n} reminder${n === 1 ? '' : 's'} will be tried again within a minute.` : 'No reminder of this channel is waiting for a retry.' }],
        { data: { channel: incoming.channel, retried: n } },
      );
    },
  },
  {
    name: 'reminders',
    summary: 'The reminders this channel will get, with the date, time and time zone of each.',
    usage: 'reminders',
    examples: ['reminders'],
    role: 'member',
    args: z.object({}),
    parse: () => ({}),
    async run(_args, { incoming, services }) {
      return listing(await services.reminders.list(incoming.channel), 'Reminders for this channel');
    },
  },
];
