import type { PlannedReminder, ReminderKind, Subscription } from './policy.js';

/**
 * pending → claimed (leased) → sending (the network call is under way) → sent;
 * or back to pending with a backoff after a failure, needs-review after too many, cancelled when no longer
 * wanted, missed when too late to post on its own (then covered by one missed-summary row per channel).
 */
export type ReminderStatus = 'pending' | 'claimed' | 'sending' | 'sent' | 'cancelled' | 'missed' | 'needs-review';

/** A planned reminder as stored, with where it is in its life (a missed-summary row has no deadline). */
export interface ReminderRow extends Omit<PlannedReminder, 'deadline'> {
  platform: string;
  deadline: string | null;
  status: ReminderStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  maybeSent: boolean;
  messageId: string | null;
  lastError: string | null;
  summaryKey: string | null;
  payload: string | null;
  sentAt: number | null;
}

/** A new row: what was planned, its platform, and for a missed-summary row what it covers. */
export type NewReminderRow = PlannedReminder | (Omit<ReminderRow, 'status' | 'attempts' | 'nextAttemptAt' | 'leaseOwner' | 'leaseUntil' | 'maybeSent' | 'messageId' | 'lastError' | 'summaryKey' | 'sentAt'>);

/** A pending row as the planner sees it: enough to tell whether the policy still wants it. */
export interface PendingKey {
  key: string;
  channel: string;
  stateId: string;
  letter: string;
  kind: ReminderKind;
  dueAt: number;
}

export interface ClaimOptions {
  owner: string;
  platforms: string[];
  now: number;
  leaseMs: number;
  limit: number;
}


/**
 * Everything the reminder room persists: subscriptions, reminder rows through their life, and the planner's
 * marks. SQLite now (sqlite-store.ts); each method is one statement or one short transaction and never awaits,
 * and `transaction` runs a synchronous function as one write transaction (taking the write lock first), so
 * a PostgreSQL implementation could stand beside it.
 */
export interface ReminderStore {
  /**
   * Runs `fn` as one write transaction. `derived`: what it writes can be derived again from the ledger and
   * the subscriptions (planned rows and their marks): it is committed without waiting for the disk (a crash
   * of the process loses nothing; a power cut may lose the last such commits, which the next plan redoes).
   * Anything a post depends on (claims, "sending", "sent") is committed durably.
   */
  transaction<T>(fn: () => T, options?: { derived?: boolean }): T;

  subscription(channel: string): Subscription | undefined;
  subscriptions(): Subscription[];
  /**
   * Subscribes, or changes an existing subscription. A new time or zone counts from now: the same reminder
   * at the old hour may already have gone out, so nothing earlier is re-planned at the new hour.
   */
  subscribe(sub: Omit<Subscription, 'createdAt'>, by: string, now: number): void;
  /** Removes the subscription and cancels what was still pending for the channel; true when there was one. */
  unsubscribe(channel: string, now: number): boolean;

  /** Writes a planned row; a cancelled row with the same key is revived. 1 when a row was written or revived. */
  insert(row: NewReminderRow, now: number): number;
  /** every pending planned row (not missed-summaries) */
  pendingKeys(): PendingKey[];
  /** the pending planned rows of one channel, or of one letter to one State */
  pendingOf(where: { channel: string } | { letter: string; stateId: string }): PendingKey[];
  /** cancels a pending row; 1 when it was pending */
  cancel(key: string, now: number): number;

  /** Channels with pending rows too old to post on their own (due before `before`), on these platforms. */
  missedChannels(before: number, platforms: string[]): string[];
  /** A channel's pending rows too old to post on their own; the caller summarises them inside `transaction`. */
  missedCandidates(channel: string, before: number): ReminderRow[];
  /** Marks rows missed, covered by the summary row `summaryKey`. */
  markMissed(keys: string[], summaryKey: string, now: number): void;

  /**
   * Claims up to `limit` due rows for this process, in one write transaction so no other process can claim
   * the same row. A row whose lease expired (its process died or hung) is claimable again; if it was mid-send,
   * it is flagged maybe-sent so the next attempt asks the platform before posting.
   */
  claim(o: ClaimOptions): ReminderRow[];
  /** The last step before the network call; false when this process no longer holds the row. */
  markSending(key: string, owner: string, now: number): boolean;
  markSent(key: string, messageId: string, now: number): boolean;
  cancelClaimed(key: string, owner: string, now: number): void;
  /** Records a failed attempt: retried after `nextAttemptAt`, or needs-review when attempts are used up. */
  fail(key: string, owner: string, error: string, now: number, outcome: { status: ReminderStatus; nextAttemptAt: number }): void;
  /**
   * Puts a channel's needs-review reminders back in the queue, with fresh attempts (a coordinator fixed what
   * blocked them: the bot re-invited, a permission granted). One that may have gone out is looked up first.
   */
  retryNeedsReview(channel: string, now: number): number;
  /** Extends this process's claims: it is alive and still working on them. */
  renew(owner: string, until: number): number;
  /** Gives back rows this process claimed but did not start sending (at shutdown). */
  release(owner: string, now: number): number;

  row(key: string): ReminderRow | undefined;
  /** What a channel will get (and what is stuck), plus what was sent since `sentSince`. */
  forChannel(channel: string, sentSince: number): ReminderRow[];
  counts(): Record<string, number>;

  /** the planner's small notes (last plan, the day and window it planned for, its settings) */
  getState(key: string): string | undefined;
  setState(key: string, value: string): void;
  /** What each planned item (a deadline, a subscription) was last planned from: item → inputs. */
  planMarks(): Map<string, string>;
  /** Records what an item was planned from; null forgets it (nothing of it is planned any more). */
  setPlanMark(item: string, inputs: string | null): void;
}

/** A subscription row as either engine returns it (columns aliased to these names). */
export interface SubRecord {
  channel: string;
  states: string | null;
  timezone: string | null;
  time: string | null;
  createdAt: number;
  weekdays: number;
}

export const toSub = (r: SubRecord): Subscription => ({ channel: r.channel, states: r.states ? (JSON.parse(r.states) as string[]) : null, timezone: r.timezone, time: r.time, createdAt: r.createdAt, ...(r.weekdays ? { weekdays: true } : {}) });
