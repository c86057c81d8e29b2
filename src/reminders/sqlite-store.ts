import type { Db, Migration } from '../storage/database.js';
import type { Subscription } from './policy.js';
import { ChannelRef } from '../kernel/channel.js';
import { toSub, type ClaimOptions, type NewReminderRow, type PendingKey, type ReminderRow, type ReminderStatus, type ReminderStore, type SubRecord } from './store.js';

export const reminderMigrations: Migration[] = [
  {
    id: 'reminders-001-create',
    up: `
      CREATE TABLE reminder_subscriptions (
        channel TEXT PRIMARY KEY,
        states TEXT,
        timezone TEXT,
        time TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE reminders (
        key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        platform TEXT NOT NULL,
        letter TEXT NOT NULL,
        state_id TEXT NOT NULL,
        state TEXT NOT NULL,
        kind TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        zone TEXT NOT NULL,
        deadline TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until INTEGER,
        maybe_sent INTEGER NOT NULL DEFAULT 0,
        message_id TEXT,
        last_error TEXT,
        summary_key TEXT,
        payload TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX reminders_status_due ON reminders (status, due_at);
      CREATE INDEX reminders_channel_due ON reminders (channel, due_at);
      CREATE TABLE reminder_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
    pg: `
      CREATE TABLE reminder_subscriptions (
        channel TEXT PRIMARY KEY, states TEXT, timezone TEXT, time TEXT, created_at BIGINT NOT NULL, created_by TEXT NOT NULL
      );
      CREATE TABLE reminders (
        key TEXT PRIMARY KEY, channel TEXT NOT NULL, platform TEXT NOT NULL, letter TEXT NOT NULL, state_id TEXT NOT NULL,
        state TEXT NOT NULL, kind TEXT NOT NULL, due_at BIGINT NOT NULL, zone TEXT NOT NULL, deadline TEXT,
        status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL DEFAULT 0,
        lease_owner TEXT, lease_until BIGINT, maybe_sent INTEGER NOT NULL DEFAULT 0, message_id TEXT, last_error TEXT,
        summary_key TEXT, payload TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, sent_at BIGINT
      );
      CREATE INDEX reminders_status_due ON reminders (status, due_at);
      CREATE INDEX reminders_channel_due ON reminders (channel, due_at);
      CREATE TABLE reminder_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    // Incremental planning: what each deadline and subscription was last planned from, and the rows of one
    // letter to one State found without a scan.
    id: 'reminders-002-plan-marks',
    up: `
      CREATE TABLE reminder_plan (item TEXT PRIMARY KEY, inputs TEXT NOT NULL);
      CREATE INDEX reminders_letter_state ON reminders (letter, state_id, status);
    `,
    pg: `
      CREATE TABLE reminder_plan (item TEXT PRIMARY KEY, inputs TEXT NOT NULL);
      CREATE INDEX reminders_letter_state ON reminders (letter, state_id, status);
    `,
  },
  {
    // `subscribe … --weekdays`: the channel's reminders that fall on a weekend move to the Friday before (0: as planned).
    id: 'reminders-003-weekdays',
    up: `ALTER TABLE reminder_subscriptions ADD COLUMN weekdays INTEGER NOT NULL DEFAULT 0;`,
    pg: `ALTER TABLE reminder_subscriptions ADD COLUMN weekdays INTEGER NOT NULL DEFAULT 0;`,
  },
];

const COLUMNS = `key, channel, platform, letter, state_id AS stateId, state, kind, due_at AS dueAt, zone, deadline, status, attempts,
  next_attempt_at AS nextAttemptAt, lease_owner AS leaseOwner, lease_until AS leaseUntil, maybe_sent AS maybeSent, message_id AS messageId,
  last_error AS lastError, summary_key AS summaryKey, payload, sent_at AS sentAt`;

const toRow = (r: Record<string, unknown>): ReminderRow => ({ ...(r as unknown as ReminderRow), maybeSent: r.maybeSent === 1 });

/** All SQL of the reminder room. Each method is one short transaction; nothing here awaits. */
export class SqliteReminderStore implements ReminderStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      getSub: db.prepare('SELECT channel, states, timezone, time, created_at AS createdAt, weekdays FROM reminder_subscriptions WHERE channel = ?'),
      allSubs: db.prepare('SELECT channel, states, timezone, time, created_at AS createdAt, weekdays FROM reminder_subscriptions'),
      upsertSub: db.prepare(
        `INSERT INTO reminder_subscriptions (channel, states, timezone, time, created_at, created_by, weekdays) VALUES (@channel, @states, @timezone, @time, @createdAt, @by, @weekdays)
         ON CONFLICT (channel) DO UPDATE SET states = excluded.states, timezone = excluded.timezone, time = excluded.time, weekdays = excluded.weekdays,
           created_at = CASE WHEN reminder_subscriptions.timezone IS NOT excluded.timezone OR reminder_subscriptions.time IS NOT excluded.time
             THEN excluded.created_at ELSE reminder_subscriptions.created_at END`,
      ),
      deleteSub: db.prepare('DELETE FROM reminder_subscriptions WHERE channel = ?'),
      retryReview: db.prepare(`UPDATE reminders SET status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = ? WHERE channel = ? AND status = 'needs-review'`),
      cancelChannel: db.prepare(`UPDATE reminders SET status = 'cancelled', updated_at = ? WHERE channel = ? AND status = 'pending'`),
      insert: db.prepare(
        `INSERT INTO reminders (key, channel, platform, letter, state_id, state, kind, due_at, zone, deadline, payload, created_at, updated_at)
         VALUES (@key, @channel, @platform, @letter, @stateId, @state, @kind, @dueAt, @zone, @deadline, @payload, @now, @now)
         ON CONFLICT (key) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = 0, updated_at = excluded.updated_at
           WHERE reminders.status = 'cancelled'`,
      ),
      pendingKeys: db.prepare(`SELECT key, channel, state_id AS stateId, kind, due_at AS dueAt, letter FROM reminders WHERE status = 'pending' AND kind != 'missed-summary'`),
      pendingOfChannel: db.prepare(`SELECT key, channel, state_id AS stateId, kind, due_at AS dueAt, letter FROM reminders WHERE channel = ? AND status = 'pending' AND kind != 'missed-summary'`),
      pendingOfLetter: db.prepare(`SELECT key, channel, state_id AS stateId, kind, due_at AS dueAt, letter FROM reminders WHERE letter = ? AND state_id = ? AND status = 'pending'`),
      planMarks: db.prepare('SELECT item, inputs FROM reminder_plan'),
      setPlanMark: db.prepare('INSERT INTO reminder_plan (item, inputs) VALUES (?, ?) ON CONFLICT (item) DO UPDATE SET inputs = excluded.inputs'),
      deletePlanMark: db.prepare('DELETE FROM reminder_plan WHERE item = ?'),
      cancel: db.prepare(`UPDATE reminders SET status = 'cancelled', updated_at = ? WHERE key = ? AND status = 'pending'`),
      forChannel: db.prepare(`SELECT ${COLUMNS} FROM reminders WHERE channel = ? AND (status IN ('pending', 'claimed', 'sending', 'needs-review') OR due_at >= ?) ORDER BY due_at, key`),
      byKey: db.prepare(`SELECT ${COLUMNS} FROM reminders WHERE key = ?`),
      claimable: db.prepare(
        `SELECT key, status FROM reminders WHERE due_at <= @now AND platform IN (SELECT value FROM json_each(@platforms))
           AND ((status = 'pending' AND next_attempt_at <= @now) OR (status IN ('claimed', 'sending') AND lease_until <= @now))
         ORDER BY due_at, key LIMIT @limit`,
      ),
      claim: db.prepare(
        `UPDATE reminders SET status = 'claimed', lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
           maybe_sent = CASE WHEN status = 'sending' THEN 1 ELSE maybe_sent END, updated_at = @now WHERE key = @key`,
      ),
      markSending: db.prepare(`UPDATE reminders SET status = 'sending', maybe_sent = 1, updated_at = ? WHERE key = ? AND lease_owner = ? AND status = 'claimed'`),
      markSent: db.prepare(
        `UPDATE reminders SET status = 'sent', message_id = ?, sent_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE key = ? AND status IN ('claimed', 'sending', 'pending')`,
      ),
      cancelClaimed: db.prepare(`UPDATE reminders SET status = 'cancelled', lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE key = ? AND lease_owner = ? AND status = 'claimed'`),
      fail: db.prepare(
        `UPDATE reminders SET status = @status, next_attempt_at = @next, lease_owner = NULL, lease_until = NULL, last_error = @error, updated_at = @now
         WHERE key = @key AND lease_owner = @owner AND status IN ('claimed', 'sending')`,
      ),
      renew: db.prepare(`UPDATE reminders SET lease_until = ? WHERE lease_owner = ? AND status IN ('claimed', 'sending')`),
      release: db.prepare(
        `UPDATE reminders SET status = 'pending', attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE lease_owner = ? AND status = 'claimed'`,
      ),
      missedChannels: db.prepare(
        `SELECT DISTINCT channel FROM reminders WHERE status = 'pending' AND attempts = 0 AND kind != 'missed-summary' AND due_at < @before
           AND platform IN (SELECT value FROM json_each(@platforms)) ORDER BY channel`,
      ),
      missedCandidates: db.prepare(
        `SELECT ${COLUMNS} FROM reminders WHERE channel = @channel AND status = 'pending' AND attempts = 0 AND kind != 'missed-summary' AND due_at < @before ORDER BY due_at, key`,
      ),
      markMissed: db.prepare(`UPDATE reminders SET status = 'missed', summary_key = ?, updated_at = ? WHERE key = ? AND status = 'pending'`),
      getState: db.prepare('SELECT value FROM reminder_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO reminder_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      countByStatus: db.prepare('SELECT status, COUNT(*) AS n FROM reminders GROUP BY status'),
    };
  }

  subscription(channel: string): Subscription | undefined {
    const r = this.s.getSub.get(channel) as SubRecord | undefined;
    return r && toSub(r);
  }

  subscriptions(): Subscription[] {
    return (this.s.allSubs.all() as SubRecord[]).map(toSub);
  }

  /**
   * Subscribes, or changes an existing subscription. A new time or zone counts from now: the same reminder
   * at the old hour may already have gone out, so nothing earlier is re-planned at the new hour.
   */
  subscribe(sub: Omit<Subscription, 'createdAt'>, by: string, now: number): void {
    this.s.upsertSub.run({ channel: sub.channel, states: sub.states ? JSON.stringify(sub.states) : null, timezone: sub.timezone, time: sub.time, createdAt: now, by, weekdays: sub.weekdays ? 1 : 0 });
  }

  /** Removes the subscription and cancels what was still pending for the channel; true when there was one. */
  unsubscribe(channel: string, now: number): boolean {
    return this.db.transaction(() => {
      const removed = this.s.deleteSub.run(channel).changes > 0;
      this.s.cancelChannel.run(now, channel);
      return removed;
    }).immediate();
  }

  transaction<T>(fn: () => T, options?: { derived?: boolean }): T {
    if (!options?.derived) return this.db.transaction(fn).immediate();
    // WAL with synchronous=NORMAL: the commit is written to the WAL but not fsynced (each fsync here costs
    // 5-60 ms of a blocked event loop); the next durable commit or checkpoint makes it durable too.
    const previous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.db.transaction(fn).immediate();
    } finally {
      this.db.pragma(`synchronous = ${previous}`);
    }
  }

  insert(row: NewReminderRow, now: number): number {
    return this.s.insert.run({ payload: null, ...row, platform: 'platform' in row ? row.platform : (ChannelRef.platformOf(row.channel) ?? 'unknown'), now }).changes;
  }

  pendingKeys(): PendingKey[] {
    return this.s.pendingKeys.all() as PendingKey[];
  }

  pendingOf(where: { channel: string } | { letter: string; stateId: string }): PendingKey[] {
    return ('channel' in where ? this.s.pendingOfChannel.all(where.channel) : this.s.pendingOfLetter.all(where.letter, where.stateId)) as PendingKey[];
  }

  planMarks(): Map<string, string> {
    return new Map((this.s.planMarks.all() as { item: string; inputs: string }[]).map((r) => [r.item, r.inputs]));
  }

  setPlanMark(item: string, inputs: string | null): void {
    if (inputs === null) this.s.deletePlanMark.run(item);
    else this.s.setPlanMark.run(item, inputs);
  }

  cancel(key: string, now: number): number {
    return this.s.cancel.run(now, key).changes;
  }

  missedChannels(before: number, platforms: string[]): string[] {
    return (this.s.missedChannels.all({ before, platforms: JSON.stringify(platforms) }) as { channel: string }[]).map((r) => r.channel);
  }

  missedCandidates(channel: string, before: number): ReminderRow[] {
    return (this.s.missedCandidates.all({ channel, before }) as Record<string, unknown>[]).map(toRow);
  }

  markMissed(keys: string[], summaryKey: string, now: number): void {
    for (const key of keys) this.s.markMissed.run(summaryKey, now, key);
  }

  /**
   * Claims up to `limit` due rows for this process, in one IMMEDIATE transaction so no other process can
   * claim the same row. A row whose lease expired (its process died or hung) is claimable again; if it was
   * mid-send, it is flagged maybe-sent so the next attempt asks the platform before posting.
   */
  claim(o: ClaimOptions): ReminderRow[] {
    return this.db.transaction(() => {
      const due = this.s.claimable.all({ now: o.now, platforms: JSON.stringify(o.platforms), limit: o.limit }) as { key: string }[];
      for (const { key } of due) this.s.claim.run({ owner: o.owner, until: o.now + o.leaseMs, now: o.now, key });
      return due.map(({ key }) => toRow(this.s.byKey.get(key) as Record<string, unknown>));
    }).immediate();
  }

  /** The last step before the network call; false when this process no longer holds the row. */
  markSending(key: string, owner: string, now: number): boolean {
    return this.s.markSending.run(now, key, owner).changes === 1;
  }

  markSent(key: string, messageId: string, now: number): boolean {
    return this.s.markSent.run(messageId, now, now, key).changes === 1;
  }

  cancelClaimed(key: string, owner: string, now: number): void {
    this.s.cancelClaimed.run(now, key, owner);
  }

  /** Records a failed attempt: retried after `nextAttemptAt`, or needs-review when attempts are used up. */
  fail(key: string, owner: string, error: string, now: number, outcome: { status: ReminderStatus; nextAttemptAt: number }): void {
    this.s.fail.run({ key, owner, error, now, status: outcome.status, next: outcome.nextAttemptAt });
  }

  /**
   * Puts a channel's needs-review reminders back in the queue, with fresh attempts (a coordinator fixed what
   * blocked them: the bot re-invited, a permission granted). One that may have gone out is looked up first.
   */
  retryNeedsReview(channel: string, now: number): number {
    return this.s.retryReview.run(now, channel).changes;
  }

  /** Extends this process's claims: it is alive and still working on them. */
  renew(owner: string, until: number): number {
    return this.s.renew.run(until, owner).changes;
  }

  /** Gives back rows this process claimed but did not start sending (at shutdown). */
  release(owner: string, now: number): number {
    return this.s.release.run(now, owner).changes;
  }

  row(key: string): ReminderRow | undefined {
    const r = this.s.byKey.get(key) as Record<string, unknown> | undefined;
    return r && toRow(r);
  }

  /** What a channel will get (and what is stuck), plus what was sent since `sentSince`. */
  forChannel(channel: string, sentSince: number): ReminderRow[] {
    return (this.s.forChannel.all(channel, sentSince) as Record<string, unknown>[]).map(toRow).filter((r) => r.status !== 'cancelled' && r.status !== 'missed');
  }

  getState(key: string): string | undefined {
    return (this.s.getState.get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.s.setState.run(key, value);
  }

  counts(): Record<string, number> {
    return Object.fromEntries((this.s.countByStatus.all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  }
}

