import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { ReminderPolicyConfig } from '../config/config.js';
import { canonicalTimeZone } from '../kernel/calendar.js';
import { ChannelRef } from '../kernel/channel.js';
import type { Clock } from '../kernel/clock.js';
import { typed, UserError } from '../kernel/errors.js';
import { statesIn } from '../ledger/state-words.js';
import type { Db } from '../storage/database.js';
import type { LetterDeadline, ReminderLedger } from './ledger-port.js';
import { eachPlannedReminder, effectiveSchedule, stillWanted, type Subscription } from './policy.js';
import { isoIn } from './render.js';
import { ReminderStore, type ReminderRow } from './store.js';

const WEEK_MS = 7 * 86_400_000;
const LAST_SYNC = 'last-sync';
const FINGERPRINT = 'plan-fingerprint';

export interface ReminderView {
  key: string;
  state: string;
  letter: string;
  kind: string;
  /** ISO 8601 with the channel zone's offset: 2026-12-01T09:00:00+01:00 */
  dueAt: string;
  timezone: string;
  status: string;
  deadline: string | null;
  messageId?: string;
}

export interface SubscriptionView {
  channel: string;
  /** State names; null = every tracked State */
  states: string[] | null;
  timezone: string;
  time: string;
  /** whether the zone and time are the channel's own or the coalition's */
  ownTimezone: boolean;
  ownTime: boolean;
}

export interface ChannelReminders {
  channel: string;
  subscription: SubscriptionView | null;
  reminders: ReminderView[];
}

/** Reminders as commands see them. */
export interface ReminderService {
  /** `stateWords` as typed: multi-word names ("Costa Rica") are found by trying the longest run first */
  subscribe(channel: string, stateWords: string[], options: { timezone?: string; time?: string }, by: string): ChannelReminders;
  unsubscribe(channel: string): { removed: boolean };
  /** removes the named States from the channel's subscription, keeping the rest (all of it when none is left) */
  unsubscribeStates(channel: string, stateWords: string[], by: string): StatesUnsubscribed;
  list(channel: string): ChannelReminders;
  /** writes the reminder rows the policy wants now and cancels the ones it no longer wants */
  sync(): { inserted: number; cancelled: number };
  /** the ledger's current deadlines, keyed `letter|stateId` (the loop renders reminders from them) */
  deadlinesByLetter(): Map<string, LetterDeadline>;
  readonly store: ReminderStore;
  readonly policy: ReminderPolicyConfig;
  readonly timezone: string;
}

/** What `unsubscribe <State…>` did, by State name. */
export interface StatesUnsubscribed {
  /** the channel had a subscription */
  subscribed: boolean;
  /** named States the channel got reminders for, and no longer does */
  removed: string[];
  /** named States the channel was not getting reminders for (nothing changed for them) */
  notSubscribed: string[];
  /** the States it still gets reminders for; empty when the subscription ended */
  kept: string[];
  /** no State was left, so the subscription ended */
  ended: boolean;
  /** the subscription was for every tracked State and is now for the ones kept, by name */
  wasEveryState: boolean;
}

export interface ReminderServiceDeps {
  db: Db;
  ledger: ReminderLedger;
  policy: ReminderPolicyConfig;
  timezone: string;
  clock: Clock;
  logger: Logger;
}

export const deadlineKey = (letter: string, stateId: string) => `${letter}|${stateId}`;

export function createReminderService(deps: ReminderServiceDeps): ReminderService {
  const { ledger, policy, timezone, clock } = deps;
  const log = deps.logger.child({ module: 'reminders' });
  const store = new ReminderStore(deps.db);

  function deadlinesByLetter(): Map<string, LetterDeadline> {
    return new Map(ledger.letterDeadlines().map((d) => [deadlineKey(d.letter, d.stateId), d]));
  }

  /**
   * Re-plans only when something the plan depends on changed: a deadline, whether a letter still has
   * questions outstanding, a subscription, or the day (digests are planned a week ahead). The fingerprint is
   * kept in the database, so a second process does not redo what the first did.
   */
  function sync(): { inserted: number; cancelled: number } {
    const now = clock.now();
    const deadlines = ledger.letterDeadlines();
    const subscriptions = store.subscriptions();
    const day = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
    const fingerprint = fingerprintOf(deadlines, subscriptions, policy, timezone, day.toISODate()!);
    if (store.getState(FINGERPRINT) === fingerprint) return { inserted: 0, cancelled: 0 };
    const byLetter = new Map(deadlines.map((d) => [deadlineKey(d.letter, d.stateId), d]));
    const subs = new Map(subscriptions.map((s) => [s.channel, s]));
    const lastSync = Number(store.getState(LAST_SYNC) ?? now.getTime());
    // Digests that fell due since the last sync (the bot may have been down) are planned too, so they are
    // posted late or summarised rather than silently skipped.
    const digestsFrom = DateTime.fromMillis(Math.min(lastSync, now.getTime()), { zone: 'utc' }).startOf('day').minus({ weeks: 1 }).toMillis();
    const planned = eachPlannedReminder({ deadlines, subscriptions, policy, timezone, now, digestsFrom, digestsUntil: day.plus({ days: 8 }).toMillis() });
    const result = store.applyPlan(
      planned,
      (row, plannedKeys) => plannedKeys.has(row.key) || stillWanted(row, byLetter.get(deadlineKey(row.letter, row.stateId)), subs.get(row.channel), policy, timezone),
      now.getTime(),
    );
    store.setState(LAST_SYNC, String(now.getTime()));
    store.setState(FINGERPRINT, fingerprint);
    if (result.inserted || result.cancelled) log.info({ ...result, subscriptions: subscriptions.length }, 'reminders planned');
    return result;
  }

  function view(sub: Subscription): SubscriptionView {
    const { zone, time } = effectiveSchedule(sub, policy, timezone);
    const names = new Map(ledger.letterDeadlines().map((d) => [d.stateId, d.state]));
    return { channel: sub.channel, states: sub.states?.map((id) => names.get(id) ?? id) ?? null, timezone: zone, time, ownTimezone: sub.timezone !== null, ownTime: sub.time !== null };
  }

  const rowView = (r: ReminderRow): ReminderView => ({
    key: r.key,
    state: r.state,
    letter: r.letter,
    kind: r.kind,
    dueAt: isoIn(r.dueAt, r.zone),
    timezone: r.zone,
    status: r.status,
    deadline: r.deadline,
    ...(r.messageId ? { messageId: r.messageId } : {}),
  });

  function list(channel: string): ChannelReminders {
    sync();
    const sub = store.subscription(channel);
    const rows = store.forChannel(channel, clock.now().getTime() - WEEK_MS);
    return { channel, subscription: sub ? view(sub) : null, reminders: rows.map(rowView) };
  }

  function subscribe(channel: string, stateNames: string[], options: { timezone?: string; time?: string }, by: string): ChannelReminders {
    if (!ChannelRef.platformOf(channel)) {
      throw new UserError(
        'not-a-channel',
        `“${channel}” is not a channel I can post reminders to.`,
        'Subscribe from the chat channel itself, or from the CLI name it: --channel slack:C0123ABC, --channel matrix:!room:example.org or --channel console.',
      );
    }
    const zone = options.timezone === undefined ? undefined : canonicalTimeZone(options.timezone);
    if (options.timezone !== undefined && !zone) {
      throw new UserError('bad-timezone', `“${typed(options.timezone)}” is not a time zone I know.`, 'Use an IANA name such as Europe/Geneva or America/Mexico_City.');
    }
    if (options.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(options.time)) {
      throw new UserError('bad-time', `“${typed(options.time)}” is not a time of day.`, 'Write it as HH:MM on a 24-hour clock, such as 09:00.');
    }
    const ids = [...new Set(statesIn(stateNames, (n) => ledger.resolveState(n)).map((s) => s.id))];
    const existing = store.subscription(channel);
    store.subscribe(
      {
        channel,
        states: ids.length ? ids : null,
        timezone: zone ?? existing?.timezone ?? null,
        time: options.time ?? existing?.time ?? null,
      },
      by,
      clock.now().getTime(),
    );
    log.info({ channel, states: ids.length || 'all' }, 'channel subscribed');
    return list(channel);
  }

  function unsubscribe(channel: string): { removed: boolean } {
    const removed = store.unsubscribe(channel, clock.now().getTime());
    log.info({ channel, removed }, 'channel unsubscribed');
    return { removed };
  }

  function unsubscribeStates(channel: string, stateWords: string[], by: string): StatesUnsubscribed {
    const named = [...new Map(statesIn(stateWords, (n) => ledger.resolveState(n)).map((s) => [s.id, s])).values()];
    const sub = store.subscription(channel);
    const names = new Map(ledger.letterDeadlines().map((d) => [d.stateId, d.state]));
    const nameOf = (id: string) => names.get(id) ?? named.find((s) => s.id === id)?.name ?? id;
    if (!sub) return { subscribed: false, removed: [], notSubscribed: named.map((s) => s.name), kept: [], ended: false, wasEveryState: false };
    // "every tracked State" becomes the tracked States but these: never more than was asked to stop
    const current = sub.states ?? [...names.keys()];
    const drop = new Set(named.map((s) => s.id));
    const removed = named.filter((s) => current.includes(s.id)).map((s) => s.name);
    const notSubscribed = named.filter((s) => !current.includes(s.id)).map((s) => s.name);
    if (!removed.length) return { subscribed: true, removed, notSubscribed, kept: current.map(nameOf), ended: false, wasEveryState: false };
    const kept = current.filter((id) => !drop.has(id));
    const now = clock.now().getTime();
    if (kept.length) store.subscribe({ channel, states: kept, timezone: sub.timezone, time: sub.time }, by, now);
    else store.unsubscribe(channel, now);
    // What was pending for the States removed is cancelled by the next plan, which every tick makes before posting.
    log.info({ channel, removed: removed.length, kept: kept.length }, 'states unsubscribed');
    return { subscribed: true, removed, notSubscribed, kept: kept.map(nameOf), ended: !kept.length, wasEveryState: sub.states === null };
  }

  return { subscribe, unsubscribe, unsubscribeStates, list, sync, deadlinesByLetter, store, policy, timezone };
}

/** What the plan depends on, hashed: answering one question of many changes nothing here. */
function fingerprintOf(deadlines: LetterDeadline[], subs: Subscription[], policy: ReminderPolicyConfig, timezone: string, day: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([policy, timezone, day]));
  for (const d of deadlines) h.update(`\n${d.letter}|${d.stateId}|${d.deadline}|${d.timezone}|${d.outstanding.length > 0 ? 1 : 0}`);
  for (const s of subs) h.update(`\n${JSON.stringify(s)}`);
  return h.digest('base64url');
}
