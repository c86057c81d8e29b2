import type { Logger } from 'pino';
import type { ReminderPolicyConfig } from '../config/config.js';
import type { Clock } from '../kernel/clock.js';
import type { Reply } from '../kernel/reply.js';
import type { Lang } from '../kernel/i18n.js';
import type { LetterDeadline } from './ledger-port.js';
import { effectiveSchedule, MISSED_SUMMARY, needsReminders, reminderKey, stillWanted } from './policy.js';
import { missedSummaryReply, reminderReply, type MissedItem } from './render.js';
import type { ReminderRow, ReminderStore } from './store.js';

/**
 * The posting side of the reminder room: what a loop claims, what it posts, and how its attempt is recorded.
 * Each step is one short transaction; the network call happens between them, in the loop.
 */

export const deadlineKey = (letter: string, stateId: string) => `${letter}|${stateId}`;

/** The ledger as read once for a tick, keyed `letter|stateId`. */
export type Deadlines = ReadonlyMap<string, LetterDeadline>;

export interface ClaimedReminder {
  row: ReminderRow;
  /** what to post, rendered now from the tick's ledger; undefined when the reminder is no longer wanted */
  reply(): Reply | undefined;
}

/** What became of an attempt. `sending` is the last step before the network call (false: the claim was lost). */
export type ReminderOutcome =
  | { status: 'sending' }
  | { status: 'sent'; messageId: string }
  | { status: 'cancelled' }
  /** `retryAt` null: no more attempts, the reminder needs review */
  | { status: 'failed'; error: string; retryAt: number | null };

export interface ClaimRequest {
  owner: string;
  platforms: string[];
  leaseMs: number;
  limit: number;
}

export interface PostingDeps {
  store: ReminderStore;
  policy: ReminderPolicyConfig;
  timezone: string;
  clock: Clock;
  logger: Logger;
  /** the deadline as this channel may read it (sensitive askers masked outside private channels) */
  present?: (channel: string, d: LetterDeadline) => LetterDeadline;
  /** the language a channel chose for the bot's sentences (`language es`); English when absent */
  languageOf?: (channel: string) => Lang | undefined;
}

export function createPosting({ store, policy, timezone, clock, logger, present, languageOf }: PostingDeps) {
  const log = logger.child({ module: 'reminder-loop' });
  const now = () => clock.now().getTime();

  /** One channel's too-late rows folded into one summary row, in one write transaction (no other process gets them too). */
  function summariseChannel(channel: string, before: number, deadlines: Deadlines): number {
    return store.transaction(() => {
      const rows = store.missedCandidates(channel, before);
      if (!rows.length) return 0;
      const items: MissedItem[] = rows.map((r) => ({ state: r.state, letter: r.letter, letterTitle: deadlines.get(deadlineKey(r.letter, r.stateId))?.letterTitle, kind: r.kind, dueAt: r.dueAt, deadline: r.deadline, zone: r.zone }));
      const dueAt = now();
      const key = reminderKey(channel, '*', '*', MISSED_SUMMARY, dueAt);
      const sub = store.subscription(channel);
      const zone = sub ? effectiveSchedule(sub, policy, timezone).zone : rows[0]!.zone;
      store.insert({ key, channel, platform: rows[0]!.platform, letter: '*', stateId: '*', state: '*', kind: MISSED_SUMMARY, dueAt, zone, deadline: null, payload: JSON.stringify(items) }, dueAt);
      store.markMissed(rows.map((r) => r.key), key, dueAt);
      return rows.length;
    });
  }

  /** The channels whose reminders fell due more than `graceMs` ago, on the running platforms. */
  const missedChannels = (platforms: string[], graceMs: number) => store.missedChannels(now() - graceMs, platforms);

  /** The reply for a claimed row, or undefined when the row is no longer wanted. */
  function replyFor(row: ReminderRow, deadlines: Deadlines): Reply | undefined {
    const lang = languageOf?.(row.channel) ?? 'en';
    if (row.kind === MISSED_SUMMARY) return missedSummaryReply(row.channel, JSON.parse(row.payload ?? '[]') as MissedItem[], clock.now(), lang);
    const d = deadlines.get(deadlineKey(row.letter, row.stateId));
    const sub = store.subscription(row.channel);
    if (!d || !needsReminders(d) || !stillWanted(row, d, sub, policy, timezone)) return undefined;
    return reminderReply(row, { ...(present?.(row.channel, d) ?? d), deadline: d.deadline }, clock.now(), lang);
  }

  function claim(deadlines: Deadlines, o: ClaimRequest): ClaimedReminder[] {
    return store.claim({ ...o, now: now() }).map((row) => ({ row, reply: () => replyFor(row, deadlines) }));
  }

  function record(key: string, owner: string, outcome: ReminderOutcome): boolean {
    switch (outcome.status) {
      case 'sending':
        return store.markSending(key, owner, now());
      case 'sent':
        return store.markSent(key, outcome.messageId, now());
      case 'cancelled':
        store.cancelClaimed(key, owner, now());
        return true;
      case 'failed':
        store.fail(key, owner, outcome.error, now(), outcome.retryAt === null ? { status: 'needs-review', nextAttemptAt: now() } : { status: 'pending', nextAttemptAt: outcome.retryAt });
        return true;
    }
  }

  return {
    missedChannels,
    summariseChannel,
    claim,
    record,
    renewClaims: (owner: string, leaseMs: number) => store.renew(owner, now() + leaseMs),
    releaseClaims: (owner: string) => store.release(owner, now()),
    retry: (channel: string) => store.retryNeedsReview(channel, now()),
    log,
  };
}
