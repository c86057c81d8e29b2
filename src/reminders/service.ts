import type { Logger } from 'pino';
import type { Lang } from '../kernel/i18n.js';
import type { ReminderPolicyConfig } from '../config/config.js';
import { canonicalTimeZone } from '../kernel/calendar.js';
import { ChannelRef } from '../kernel/channel.js';
import type { Clock } from '../kernel/clock.js';
import { typed, UserError } from '../kernel/errors.js';
import { statesIn } from '../ledger/state-words.js';
import type { LetterDeadline, ReminderLedger } from './ledger-port.js';
import { effectiveSchedule, type Subscription } from './policy.js';
import { createPlanner } from './planner.js';
import { createPosting, deadlineKey, type ClaimedReminder, type ClaimRequest, type Deadlines, type ReminderOutcome } from './posting.js';
import { isoIn } from './render.js';
import { pacer } from './slices.js';
import type { ReminderRow, ReminderStore } from './store.js';

export { deadlineKey };
export type { ClaimedReminder, ReminderOutcome } from './posting.js';

const WEEK_MS = 7 * 86_400_000;

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
  /** present (true) when weekend reminders move to the Friday before */
  weekdays?: boolean;
}

export interface ChannelReminders {
  channel: string;
  subscription: SubscriptionView | null;
  reminders: ReminderView[];
}

/** What one plan did, and the ledger as it was read for it (once per tick). */
export interface TickPlan {
  planned: number;
  cancelled: number;
  /** reminders too late to post on their own, folded into one summary per channel */
  summarised: number;
  deadlines: Deadlines;
}

/**
 * The reminder room: what commands ask of it (subscribe, unsubscribe, list, retry), and what a reminder loop
 * asks each tick: plan the rows, claim the due ones, record what became of each attempt.
 */
export interface ReminderService {
  /** `stateWords` as typed: multi-word names ("Costa Rica") are found by trying the longest run first */
  subscribe(channel: string, stateWords: string[], options: { timezone?: string; time?: string; weekdays?: boolean }, by: string): Promise<ChannelReminders>;
  unsubscribe(channel: string): { removed: boolean };
  /** removes the named States from the channel's subscription, keeping the rest (all of it when none is left) */
  unsubscribeStates(channel: string, stateWords: string[], by: string): StatesUnsubscribed;
  /** plans first (in slices), so the list shows what the ledger says now */
  list(channel: string): Promise<ChannelReminders>;
  /** puts the channel's reminders that need review back in the queue; how many */
  retry(channel: string): number;
  /**
   * Writes the rows the policy wants now and cancels the ones it no longer wants; with `platforms`, also
   * folds rows of those platforms that fell due more than `graceMs` ago into one summary per channel.
   */
  plan(options?: { platforms: string[]; graceMs: number }): Promise<TickPlan>;
  /** claims up to `limit` due rows for `owner`, with a lease of `leaseMs` */
  claim(plan: TickPlan, request: ClaimRequest): ClaimedReminder[];
  /** records what became of an attempt on a claimed row; false when the claim was lost */
  record(key: string, owner: string, outcome: ReminderOutcome): boolean;
  /** extends `owner`'s claims by `leaseMs` from now */
  renewClaims(owner: string, leaseMs: number): number;
  /** gives back `owner`'s claims not yet being sent */
  releaseClaims(owner: string): number;
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
  store: ReminderStore;
  ledger: ReminderLedger;
  policy: ReminderPolicyConfig;
  timezone: string;
  clock: Clock;
  logger: Logger;
  /** the deadline as a channel may read it (sensitive askers masked outside private channels) */
  present?: (channel: string, d: LetterDeadline) => LetterDeadline;
  /** the language a channel chose for the bot's sentences; English when absent */
  languageOf?: (channel: string) => Lang | undefined;
  /** test seam: how long a slice of planning runs (0: one step per transaction) */
  planSliceMs?: number;
}

export function createReminderService(deps: ReminderServiceDeps): ReminderService {
  const { store, ledger, policy, timezone, clock } = deps;
  const log = deps.logger.child({ module: 'reminders' });
  const planRows = createPlanner({ store, policy, timezone, logger: deps.logger, sliceMs: deps.planSliceMs });
  const posting = createPosting({ store, policy, timezone, clock, logger: deps.logger, present: deps.present, languageOf: deps.languageOf });

  // The ledger as last read, and its version then: a tick reads it again only when it changed.
  let read: { version: string; deadlines: LetterDeadline[] } | undefined;
  function readDeadlines(): LetterDeadline[] {
    const version = ledger.deadlinesVersion?.();
    if (version !== undefined && read?.version === version) return read.deadlines;
    const deadlines = ledger.letterDeadlines();
    read = version === undefined ? undefined : { version, deadlines };
    return deadlines;
  }

  /** Reads the ledger (once) and plans from what it read. */
  async function planOnce(): Promise<{ planned: number; cancelled: number; deadlines: LetterDeadline[] }> {
    const deadlines = readDeadlines();
    const { inserted, cancelled } = await planRows(deadlines, clock.now());
    return { planned: inserted, cancelled, deadlines };
  }

  // One plan at a time in this process. A caller arriving during one waits for it, then plans again: the
  // running one may have read the ledger and the subscriptions before the caller's change.
  let current: ReturnType<typeof planOnce> | undefined;
  let queued: ReturnType<typeof planOnce> | undefined;
  function planRowsNow(): ReturnType<typeof planOnce> {
    if (!current) {
      current = planOnce().finally(() => (current = undefined));
      return current;
    }
    queued ??= current.catch(() => undefined).then(() => ((queued = undefined), planRowsNow()));
    return queued;
  }

  async function plan(options?: { platforms: string[]; graceMs: number }): Promise<TickPlan> {
    const { planned, cancelled, deadlines } = await planRowsNow();
    const byKey = new Map(deadlines.map((d) => [deadlineKey(d.letter, d.stateId), d]));
    let summarised = 0;
    if (options?.platforms.length) {
      const before = clock.now().getTime() - options.graceMs;
      const pace = pacer();
      for (const channel of posting.missedChannels(options.platforms, options.graceMs)) {
        const n = posting.summariseChannel(channel, before, byKey);
        if (n) posting.log.warn({ channel, missed: n, graceHours: options.graceMs / 3_600_000 }, 'reminders fell due too long ago; summarised in one message');
        summarised += n;
        await pace();
      }
    }
    return { planned, cancelled, summarised, deadlines: byKey };
  }

  function view(sub: Subscription, deadlines: LetterDeadline[]): SubscriptionView {
    const { zone, time } = effectiveSchedule(sub, policy, timezone);
    const names = new Map(deadlines.map((d) => [d.stateId, d.state]));
    return { channel: sub.channel, states: sub.states?.map((id) => names.get(id) ?? id) ?? null, timezone: zone, time, ownTimezone: sub.timezone !== null, ownTime: sub.time !== null, ...(sub.weekdays ? { weekdays: true } : {}) };
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

  async function list(channel: string): Promise<ChannelReminders> {
    const { deadlines } = await planRowsNow();
    const sub = store.subscription(channel);
    const rows = store.forChannel(channel, clock.now().getTime() - WEEK_MS);
    return { channel, subscription: sub ? view(sub, deadlines) : null, reminders: rows.map(rowView) };
  }

  async function subscribe(channel: string, stateNames: string[], options: { timezone?: string; time?: string; weekdays?: boolean }, by: string): Promise<ChannelReminders> {
    if (!ChannelRef.platformOf(channel)) {
      throw new UserError(
        'not-a-channel',
        `“${channel}” is not a channel I can post reminders to.`,
        'Subscribe from the chat channel itself, or from the CLI name it: --channel slack:C0123ABC, --channel matrix:!room:example.org or --channel console.',
      );
    }
    const zone = options.timezone === undefined ? undefined : canonicalTimeZone(options.timezone);
    if (options.timezone !== undefined && !zone) {
      throw new UserError('bad-timezone', `“${typed(options.timezone)}” is not a time zone I know.`, 'Use an IANA name such as Europe/Geneva or America/Mexico_City.', { zone: typed(options.timezone) });
    }
    if (options.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(options.time)) {
      throw new UserError('bad-time', `“${typed(options.time)}” is not a time of day.`, 'Write it as HH:MM on a 24-hour clock, such as 09:00.', { time: typed(options.time) });
    }
    const ids = [...new Set(statesIn(stateNames, (n) => ledger.resolveState(n)).map((s) => s.id))];
    const existing = store.subscription(channel);
    store.subscribe(
      {
        channel,
        states: ids.length ? ids : null,
        timezone: zone ?? existing?.timezone ?? null,
        time: options.time ?? existing?.time ?? null,
        weekdays: options.weekdays ?? existing?.weekdays ?? false,
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
    const names = new Map(readDeadlines().map((d) => [d.stateId, d.state]));
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

  return {
    subscribe,
    unsubscribe,
    unsubscribeStates,
    list,
    retry: posting.retry,
    plan,
    claim: (p, request) => posting.claim(p.deadlines, request),
    record: posting.record,
    renewClaims: posting.renewClaims,
    releaseClaims: posting.releaseClaims,
  };
}
