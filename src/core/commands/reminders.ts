import { DateTime } from 'luxon';
import { z } from 'zod';
import { kindLabel } from '../../reminders/render.js';
import type { ChannelReminders, ReminderView } from '../../reminders/service.js';
import { noWords } from '../command-line.js';
import type { Command } from '../registry.js';
import type { Services } from '../services.js';
import { reply, type Block, type Reply } from '../../kernel/reply.js';

/** Reminder commands: a channel subscribes, unsubscribes, and sees what it will get and when. */

const when = (r: ReminderView) => DateTime.fromISO(r.dueAt, { setZone: true }).setZone(r.timezone).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm ZZZZ');

const statusNote: Record<string, string> = {
  sent: 'posted',
  claimed: 'being posted',
  sending: 'being posted',
  'needs-review': 'could not be posted: tell the operator',
};

/** A State as people call it: the view names tracked States, an untracked one comes as its ISO code ("BR"). */
function stateLabel(services: Services, nameOrCode: string): string {
  try {
    return services.ledger.resolveState(nameOrCode).name;
  } catch {
    return nameOrCode;
  }
}

function listing(r: ChannelReminders, heading: string, services: Services, fromCli = false): Reply {
  const blocks: Block[] = [{ kind: 'heading', text: heading }];
  if (!r.subscription) {
    if (fromCli) {
      blocks.push(
        { kind: 'text', text: `The channel “${r.channel}” is not subscribed to reminders.` },
        { kind: 'text', text: 'From the command line, name the channel: `reminders --channel slack:C0123ABC` (or matrix:!room:example.org, console).', tone: 'muted' },
      );
    } else {
      blocks.push({ kind: 'text', text: 'This channel is not subscribed to reminders.' }, { kind: 'text', text: 'A coordinator can type `subscribe` (every State) or `subscribe Mexico`.', tone: 'muted' });
    }
  } else {
    const s = r.subscription;
    const names = s.states ? s.states.map((x) => stateLabel(services, x)).join(', ') : 'every tracked State';
    blocks.push({ kind: 'text', text: `${fromCli ? `Channel “${r.channel}”. ` : ''}States: ${names}. Reminders at ${s.time}, ${s.timezone} time.` });
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

const joinNames = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** `unsubscribe Guatemala`: only the States named stop; the rest of the subscription stays as it was. */
function unsubscribeStates(channel: string, words: string[], by: string, services: Services): Reply {
  const r = services.reminders.unsubscribeStates(channel, words, by);
  const data = { channel, unsubscribed: r.ended, removed: r.removed, notSubscribed: r.notSubscribed, states: r.kept };
  if (!r.subscribed) return reply([{ kind: 'text', text: 'This channel was not subscribed to reminders; nothing changed.' }], { data });
  const notHere = r.notSubscribed.length ? `This channel was not getting reminders for ${joinNames(r.notSubscribed)}.` : '';
  if (!r.removed.length) return reply([{ kind: 'text', text: `${notHere} Nothing changed.`.trim() }], { data });
  const done = r.ended
    ? `This channel will get no more reminders: it got them only for ${joinNames(r.removed)}.`
    : `This channel will no longer get reminders for ${joinNames(r.removed)}. It still gets them for ${joinNames(r.kept)}${r.wasEveryState ? ' (no longer for every tracked State: a State tracked later is not added)' : ''}.`;
  return reply([{ kind: 'text', text: done }, ...(notHere ? [{ kind: 'text' as const, text: notHere, tone: 'muted' as const }] : [])], { visibility: 'channel', data });
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
      // `subscribe Brazil` after `subscribe Mexico` adds Brazil; a channel that gets every State keeps getting every State.
      const before = states.length ? (await services.reminders.list(incoming.channel)).subscription : null;
      const everyState = before !== null && before.states === null;
      const wanted = everyState ? [] : before?.states ? [...before.states, ...states] : states;
      const r = await services.reminders.subscribe(incoming.channel, wanted, { timezone, time }, actor.id);
      const out = listing(r, 'This channel is subscribed to deadline reminders.', services, incoming.platform === 'cli');
      const note: Block[] = everyState ? [{ kind: 'text', text: 'It already gets reminders for every tracked State, so it still does (`unsubscribe` first to choose States).', tone: 'muted' }] : [];
      return { ...out, blocks: [...out.blocks, ...note], visibility: 'channel' };
    },
  },
  {
    name: 'unsubscribe',
    summary: 'Stop posting reminders in this channel, for every State or only the ones named.',
    usage: 'unsubscribe [State …]',
    examples: ['unsubscribe', 'unsubscribe Guatemala', 'unsubscribe Costa Rica Guatemala'],
    role: 'coordinator',
    args: z.object({ states: z.array(z.string()) }),
    parse: (line) => ({ states: line.words }),
    run({ states }, { incoming, actor, services }) {
      if (states.length) return unsubscribeStates(incoming.channel, states, actor.id, services);
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
    parse: noWords,
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
    parse: noWords,
    async run(_args, { incoming, services }) {
      const fromCli = incoming.platform === 'cli';
      return listing(await services.reminders.list(incoming.channel), fromCli ? `Reminders for the channel “${incoming.channel}”` : 'Reminders for this channel', services, fromCli);
    },
  },
];
