import { DateTime } from 'luxon';
import type { ReminderPolicyConfig } from '../config/config.js';
import { deadlineEnd } from '../kernel/calendar.js';
import type { LetterDeadline } from './ledger-port.js';

/**
 * The reminder policy, pure: deadlines × subscriptions × settings × a time window → the reminders that
 * should exist. No database, no clock: the loop passes `now`. Every date is computed by luxon in the
 * channel's zone, so 09:00 stays 09:00 on the wall clock across daylight-saving changes.
 */

/** '14-days', '7-days', '3-days', '1-day', 'on-day', 'overdue' (the weekly digest) */
export type ReminderKind = string;

export interface Subscription {
  channel: string;
  /** State ids; null means every tracked State */
  states: string[] | null;
  /** per-channel overrides of the coalition's zone and reminder time */
  timezone: string | null;
  time: string | null;
  /** epoch ms; nothing due before the channel subscribed is planned */
  createdAt: number;
  /** a reminder falling on a Saturday or Sunday (in the channel's zone) moves to the Friday before; absent: as planned */
  weekdays?: boolean;
}

export interface PlannedReminder {
  key: string;
  channel: string;
  letter: string;
  stateId: string;
  state: string;
  kind: ReminderKind;
  /** epoch ms */
  dueAt: number;
  /** the zone the due time is shown in */
  zone: string;
  deadline: string;
}

export interface PolicyInput {
  deadlines: LetterDeadline[];
  subscriptions: Subscription[];
  policy: ReminderPolicyConfig;
  /** the coalition's zone, for channels without their own */
  timezone: string;
  now: Date;
  /** overdue digests are planned from here (epoch ms) … */
  digestsFrom: number;
  /** … up to here (epoch ms); before-deadline reminders are always planned in full */
  digestsUntil: number;
  /** only the overdue digests (the day moved the digest window; nothing else changed) */
  digestsOnly?: boolean;
  /** instants already computed, by (deadline, zone, time, window): shared by calls for the same window */
  cache?: Map<string, { before: [ReminderKind, number][]; digests: number[] }>;
}

export const OVERDUE: ReminderKind = 'overdue';
export const MISSED_SUMMARY: ReminderKind = 'missed-summary';

export const kindFor = (daysBefore: number): ReminderKind => (daysBefore === 0 ? 'on-day' : daysBefore === 1 ? '1-day' : `${daysBefore}-days`);

const WEEKDAYS = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 } as const;

/** The key names the reminder: the same inputs always give the same key, whichever process computes it. */
export const reminderKey = (channel: string, letter: string, stateId: string, kind: ReminderKind, dueAt: number): string =>
  [channel, letter, stateId, kind, new Date(dueAt).toISOString()].join('|');

/** The channel's zone and time of day, its own or the coalition's. */
export function effectiveSchedule(sub: Pick<Subscription, 'timezone' | 'time'>, policy: ReminderPolicyConfig, coalitionZone: string): { zone: string; time: string } {
  return { zone: sub.timezone ?? coalitionZone, time: sub.time ?? policy.time };
}

function atTime(date: string, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** The before-deadline reminders of one deadline at one zone and time: [kind, dueAt]. */
export function beforeDeadline(deadline: string, days: number[], time: string, zone: string): [ReminderKind, number][] {
  const day = atTime(deadline, time, zone);
  // minus({ days }) is calendar arithmetic: the wall-clock time is kept across a DST change.
  return days.map((n) => [kindFor(n), day.minus({ days: n }).set(timeParts(time)).toMillis()]);
}

const timeParts = (time: string) => {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute, second: 0, millisecond: 0 };
};

/** Overdue digests of one deadline: each chosen weekday at `time` after the deadline passed, within [from, until]. */
export function overdueDigests(deadline: string, deadlineZone: string, weekday: ReminderPolicyConfig['overdueDigestDay'], time: string, zone: string, from: number, until: number): number[] {
  if (weekday === 'off') return [];
  const end = deadlineEnd(deadline, deadlineZone);
  const target = WEEKDAYS[weekday];
  let first = DateTime.fromMillis(end, { zone }).set(timeParts(time));
  first = first.plus({ days: (target - first.weekday + 7) % 7 });
  if (first.toMillis() <= end) first = first.plus({ weeks: 1 });
  let d = first;
  if (d.toMillis() < from) {
    // Jump close to the window, then step: weeks are calendar weeks, so the wall-clock time holds.
    const weeks = Math.max(0, Math.floor((from - d.toMillis()) / (7 * 86_400_000)) - 1);
    d = d.plus({ weeks }).set(timeParts(time));
  }
  const out: number[] = [];
  while (d.toMillis() <= until) {
    if (d.toMillis() >= from) out.push(d.toMillis());
    d = d.plus({ weeks: 1 }).set(timeParts(time));
  }
  return out;
}

/** The instant on a working day: Saturday and Sunday move to the Friday before, at the same wall-clock time. */
export function onWorkingDay(ms: number, zone: string): number {
  const d = DateTime.fromMillis(ms, { zone });
  return d.weekday >= 6 ? d.minus({ days: d.weekday - 5 }).toMillis() : ms;
}

/** A channel's instants as it wants them: moved off the weekend when it asked for working days. */
const forChannel = (sub: Pick<Subscription, 'weekdays'>, zone: string) => (at: number) => (sub.weekdays ? onWorkingDay(at, zone) : at);

/** Whether a letter deserves reminders at all: a dated deadline and at least one question outstanding. */
export const needsReminders = (d: LetterDeadline): d is LetterDeadline & { deadline: string } => d.deadline !== null && d.outstanding.length > 0;

export const covers = (sub: Subscription, stateId: string) => sub.states === null || sub.states.includes(stateId);

/** Every reminder the policy wants for these deadlines and subscriptions. */
export function planReminders(input: PolicyInput): PlannedReminder[] {
  return [...eachPlannedReminder(input)];
}

/** The same, one at a time: a large plan is written without holding every row in memory. */
export function* eachPlannedReminder(input: PolicyInput): Generator<PlannedReminder> {
  const { policy, timezone } = input;
  // Many channels share a zone and time: compute each deadline's instants once per (deadline, zone, time).
  const cache = input.cache ?? new Map<string, { before: [ReminderKind, number][]; digests: number[] }>();
  const wanted = input.deadlines.filter(needsReminders);
  for (const sub of input.subscriptions) {
    const { zone, time } = effectiveSchedule(sub, policy, timezone);
    const digestsFrom = Math.max(input.digestsFrom, sub.createdAt);
    for (const d of wanted) {
      if (!covers(sub, d.stateId)) continue;
      const cacheKey = `${d.deadline}|${d.timezone}|${zone}|${time}|${digestsFrom}|${input.digestsUntil}`;
      let instants = cache.get(cacheKey);
      if (!instants) {
        instants = {
          before: beforeDeadline(d.deadline, policy.daysBefore, time, zone),
          digests: overdueDigests(d.deadline, d.timezone || timezone, policy.overdueDigestDay, time, zone, digestsFrom, input.digestsUntil),
        };
        cache.set(cacheKey, instants);
      }
      const moved = forChannel(sub, zone);
      const digests = instants.digests.map((at): [ReminderKind, number] => [OVERDUE, moved(at)]);
      const all: [ReminderKind, number][] = input.digestsOnly ? digests : [...instants.before.map(([k, at]): [ReminderKind, number] => [k, moved(at)]), ...digests];
      for (const [kind, dueAt] of all) {
        if (dueAt < sub.createdAt) continue;
        yield { key: reminderKey(sub.channel, d.letter, d.stateId, kind, dueAt), channel: sub.channel, letter: d.letter, stateId: d.stateId, state: d.state, kind, dueAt, zone, deadline: d.deadline };
      }
    }
  }
}

/**
 * Whether a reminder planned earlier is still wanted now: the channel still subscribes to the State, the
 * letter still has questions outstanding, and the policy still puts this kind at this instant (a moved
 * deadline moves its instants, so the old row is no longer wanted).
 */
export function stillWanted(
  row: { channel: string; stateId: string; kind: ReminderKind; dueAt: number },
  deadline: LetterDeadline | undefined,
  sub: Subscription | undefined,
  policy: ReminderPolicyConfig,
  coalitionZone: string,
): boolean {
  if (!sub || !deadline || !covers(sub, row.stateId) || !needsReminders(deadline) || row.dueAt < sub.createdAt) return false;
  const { zone, time } = effectiveSchedule(sub, policy, coalitionZone);
  const moved = forChannel(sub, zone);
  if (row.kind === OVERDUE) {
    // a digest moved to Friday was planned for the weekend after it: look for it up to two days later
    const until = sub.weekdays ? row.dueAt + 3 * 86_400_000 : row.dueAt;
    return overdueDigests(deadline.deadline, deadline.timezone || coalitionZone, policy.overdueDigestDay, time, zone, row.dueAt, until).some((at) => moved(at) === row.dueAt);
  }
  return beforeDeadline(deadline.deadline, policy.daysBefore, time, zone).some(([k, at]) => k === row.kind && moved(at) === row.dueAt);
}
