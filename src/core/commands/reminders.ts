import { DateTime } from 'luxon';
import { z } from 'zod';
import { kindLabel } from '../../reminders/render.js';
import type { ChannelReminders, ReminderView } from '../../reminders/service.js';
import { noWords } from '../command-line.js';
import { speech, type Command, type CommandContext } from '../registry.js';
import { listOf, localeOf, translator, type Lang, type T } from '../../kernel/i18n.js';
import type { Services } from '../services.js';
import { reply, type Block, type Reply } from '../../kernel/reply.js';

/** Reminder commands: a channel subscribes, unsubscribes, and sees what it will get and when. */

const when = (r: ReminderView, lang: Lang) => DateTime.fromISO(r.dueAt, { setZone: true }).setZone(r.timezone).setLocale(localeOf(lang)).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');

const statusNote = (status: string, t: T) => (['sent', 'claimed', 'sending', 'needs-review'].includes(status) ? t(`reminders.status.${status}`) : undefined);

/** A State as people call it: the view names tracked States, an untracked one comes as its ISO code ("BR"). */
function stateLabel(services: Services, nameOrCode: string): string {
  try {
    return services.ledger.resolveState(nameOrCode).name;
  } catch {
    return nameOrCode;
  }
}

function listing(r: ChannelReminders, heading: string, services: Services, fromCli = false, lang: Lang = 'en'): Reply {
  const t = translator(lang);
  const blocks: Block[] = [{ kind: 'heading', text: heading }];
  if (!r.subscription) {
    if (fromCli) {
      blocks.push(
        { kind: 'text', text: `The channel “${r.channel}” is not subscribed to reminders.` },
        { kind: 'text', text: 'From the command line, name the channel: `reminders --channel slack:C0123ABC` (or matrix:!room:example.org, console).', tone: 'muted' },
      );
    } else {
      blocks.push({ kind: 'text', text: t('reminders.notSubscribed') }, { kind: 'text', text: t('reminders.notSubscribedHint'), tone: 'muted' });
    }
  } else {
    const s = r.subscription;
    const names = s.states ? s.states.map((x) => stateLabel(services, x)).join(', ') : t('reminders.everyState');
    blocks.push({ kind: 'text', text: `${fromCli ? `Channel “${r.channel}”. ` : ''}${t('reminders.states', { names, time: s.time, zone: s.timezone })}` });
    if ((s as { weekdays?: boolean }).weekdays) blocks.push({ kind: 'text', text: t('reminders.weekdays'), tone: 'muted' });
    if (!r.reminders.length) blocks.push({ kind: 'text', text: t('reminders.nothingPlanned'), tone: 'muted' });
    else
      blocks.push({
        kind: 'list',
        items: r.reminders.map((x) => ({
          label: when(x, lang),
          text: x.kind === 'missed-summary' ? t('reminders.summaryItem') : t('reminders.item', { state: x.state, letter: x.letter, kind: kindLabel(x.kind, lang) }),
          detail: statusNote(x.status, t),
        })),
      });
  }
  return reply(blocks, { data: { channel: r.channel, subscription: r.subscription, reminders: r.reminders } });
}

/** `unsubscribe Guatemala`: only the States named stop; the rest of the subscription stays as it was. */
function unsubscribeStates(channel: string, words: string[], by: string, services: Services, lang: Lang): Reply {
  const t = translator(lang);
  const joinNames = (names: string[]) => listOf(names, lang);
  const r = services.reminders.unsubscribeStates(channel, words, by);
  const data = { channel, unsubscribed: r.ended, removed: r.removed, notSubscribed: r.notSubscribed, states: r.kept };
  if (!r.subscribed) return reply([{ kind: 'text', text: t('reminders.wasNot') }], { data });
  const notHere = r.notSubscribed.length ? t('reminders.notHere', { names: joinNames(r.notSubscribed) }) : '';
  if (!r.removed.length) return reply([{ kind: 'text', text: `${notHere} ${t('reminders.nothingChanged')}`.trim() }], { data });
  const done = r.ended
    ? t('reminders.ended', { names: joinNames(r.removed) })
    : t(r.wasEveryState ? 'reminders.removedFromEvery' : 'reminders.removed', { removed: joinNames(r.removed), kept: joinNames(r.kept) });
  return reply([{ kind: 'text', text: done }, ...(notHere ? [{ kind: 'text' as const, text: notHere, tone: 'muted' as const }] : [])], { visibility: 'channel', data });
}

const strOf = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

export const reminderCommands: Command[] = [
  {
    name: 'subscribe',
    aliases: ['suscribir'],
    summary: 'Post deadline reminders in this channel, for every State or the ones named.',
    usage: 'subscribe [State …] [--timezone <zone>] [--time HH:MM] [--weekdays | --all-days]',
    examples: ['subscribe', 'subscribe Mexico', 'subscribe Mexico Guatemala --timezone America/Mexico_City --time 08:30', 'subscribe --weekdays'],
    role: 'coordinator',
    flags: { timezone: 'value', time: 'value', weekdays: 'boolean', 'all-days': 'boolean' },
    args: z.object({ states: z.array(z.string()), timezone: z.string().optional(), time: z.string().optional(), weekdays: z.boolean().optional() }),
    parse: (line) => ({ states: line.words, timezone: strOf(line.flags.timezone), time: strOf(line.flags.time), weekdays: line.flags.weekdays === true ? true : line.flags['all-days'] === true ? false : undefined }),
    async run({ states, timezone, time, weekdays }, ctx) {
      const { incoming, actor, services } = ctx;
      const { lang, t } = speech(ctx);
      // `subscribe Brazil` after `subscribe Mexico` adds Brazil; a channel that gets every State keeps getting every State.
      // `subscribe --weekdays` (a setting, no State named) changes the setting and keeps the States as they are.
      const settingOnly = !states.length && (weekdays !== undefined || timezone !== undefined || time !== undefined);
      const before = states.length || settingOnly ? (await services.reminders.list(incoming.channel)).subscription : null;
      const everyState = before !== null && before.states === null && !settingOnly;
      const wanted = everyState ? [] : before?.states ? [...before.states, ...states] : states;
      const r = await services.reminders.subscribe(incoming.channel, wanted, { timezone, time, weekdays }, actor.id);
      const out = listing(r, t('reminders.subscribed'), services, incoming.platform === 'cli', lang);
      const note: Block[] = everyState ? [{ kind: 'text', text: t('reminders.alreadyEvery'), tone: 'muted' }] : [];
      return { ...out, blocks: [...out.blocks, ...note], visibility: 'channel' };
    },
  },
  {
    name: 'unsubscribe',
    aliases: ['desuscribir'],
    summary: 'Stop posting reminders in this channel, for every State or only the ones named.',
    usage: 'unsubscribe [State …]',
    examples: ['unsubscribe', 'unsubscribe Guatemala', 'unsubscribe Costa Rica Guatemala'],
    role: 'coordinator',
    args: z.object({ states: z.array(z.string()) }),
    parse: (line) => ({ states: line.words }),
    run({ states }, ctx) {
      const { incoming, actor, services } = ctx;
      const { lang, t } = speech(ctx);
      if (states.length) return unsubscribeStates(incoming.channel, states, actor.id, services, lang);
      const { removed } = services.reminders.unsubscribe(incoming.channel);
      return reply([{ kind: 'text', text: removed ? t('reminders.noMore') : t('reminders.wasNot') }], {
        visibility: removed ? 'channel' : 'asker',
        data: { channel: incoming.channel, unsubscribed: removed },
      });
    },
  },
  {
    name: 'retry-reminders',
    aliases: ['reintentar'],
    summary: 'Try again the reminders of this channel that could not be posted.',
    usage: 'retry-reminders',
    examples: ['retry-reminders'],
    role: 'coordinator',
    args: z.object({}),
    parse: noWords,
    run(_args, ctx) {
      const { incoming, services } = ctx;
      const { t } = speech(ctx);
      const n = services.reminders.retry(incoming.channel);
      return reply(
        [{ kind: 'text', text: n ? t('reminders.retried', { count: n }) : t('reminders.noRetry') }],
        { data: { channel: incoming.channel, retried: n } },
      );
    },
  },
  {
    name: 'reminders',
    aliases: ['recordatorios'],
    summary: 'The reminders this channel will get, with the date, time and time zone of each.',
    usage: 'reminders',
    examples: ['reminders'],
    role: 'member',
    args: z.object({}),
    parse: noWords,
    async run(_args, ctx: CommandContext) {
      const { incoming, services } = ctx;
      const { lang, t } = speech(ctx);
      const fromCli = incoming.platform === 'cli';
      return listing(await services.reminders.list(incoming.channel), fromCli ? `Reminders for the channel “${incoming.channel}”` : t('reminders.heading'), services, fromCli, lang);
    },
  },
];
