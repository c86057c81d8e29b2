import { ChannelRef } from '../kernel/channel.js';
import type { PgSession } from '../storage/pg/session.js';
import type { Subscription } from './policy.js';
import { toSub, type ClaimOptions, type NewReminderRow, type PendingKey, type ReminderRow, type ReminderStatus, type ReminderStore, type SubRecord } from './store.js';

const columns = (t = '') => `${t}key, ${t}channel, ${t}platform, ${t}letter, ${t}state_id AS "stateId", ${t}state, ${t}kind, ${t}due_at AS "dueAt", ${t}zone,
  ${t}deadline, ${t}status, ${t}attempts, ${t}next_attempt_at AS "nextAttemptAt", ${t}lease_owner AS "leaseOwner", ${t}lease_until AS "leaseUntil",
  ${t}maybe_sent AS "maybeSent", ${t}message_id AS "messageId", ${t}last_error AS "lastError", ${t}summary_key AS "summaryKey", ${t}payload, ${t}sent_at AS "sentAt"`;
const COLUMNS = columns();
const PENDING_KEY = `key, channel, state_id AS "stateId", kind, due_at AS "dueAt", letter`;
const SUB = `channel, states, timezone, time, created_at AS "createdAt", weekdays`;

/** Held for the length of a reminder write transaction: as SQLite's write lock, one planner at a time. */
const REMINDER_WRITE_LOCK = 0x70770002;

const toRow = (r: Record<string, unknown>): ReminderRow => ({ ...(r as unknown as ReminderRow), maybeSent: r.maybeSent === 1 });


/**
 * The reminder room in PostgreSQL (reminderMigrations' `pg` dialect). A claim is one statement that locks the
 * due rows it takes with FOR UPDATE SKIP LOCKED, so processes sharing the database never claim the same row
 * and never wait for each other's claims; every later step is conditional on the lease owner, as in SQLite.
 */
export class PgReminderStore implements ReminderStore {
  constructor(private readonly db: PgSession) {}

  transaction<T>(fn: () => T, options?: { derived?: boolean }): T {
    return this.db.transaction(
      () => {
        this.db.run('SELECT pg_advisory_xact_lock($1)', [REMINDER_WRITE_LOCK]);
        return fn();
      },
      { derived: options?.derived },
    );
  }

  subscription(channel: string): Subscription | undefined {
    const r = this.db.get<SubRecord>(`SELECT ${SUB} FROM reminder_subscriptions WHERE channel = $1`, [channel]);
    return r && toSub(r);
  }

  subscriptions(): Subscription[] {
    return this.db.all<SubRecord>(`SELECT ${SUB} FROM reminder_subscriptions`).map(toSub);
  }

  subscribe(sub: Omit<Subscription, 'createdAt'>, by: string, now: number): void {
    this.db.run(
      `INSERT INTO reminder_subscriptions (channel, states, timezone, time, created_at, created_by, weekdays) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel) DO UPDATE SET states = excluded.states, timezone = excluded.timezone, time = excluded.time, weekdays = excluded.weekdays,
         created_at = CASE WHEN reminder_subscriptions.timezone IS DISTINCT FROM excluded.timezone OR reminder_subscriptions.time IS DISTINCT FROM excluded.time
           THEN excluded.created_at ELSE reminder_subscriptions.created_at END`,
      [sub.channel, sub.states ? JSON.stringify(sub.states) : null, sub.timezone, sub.time, now, by, sub.weekdays ? 1 : 0],
    );
  }

  unsubscribe(channel: string, now: number): boolean {
    return this.transaction(() => {
      const removed = this.db.run('DELETE FROM reminder_subscriptions WHERE channel = $1', [channel]) > 0;
      this.db.run(`UPDATE reminders SET status = 'cancelled', updated_at = $1 WHERE channel = $2 AND status = 'pending'`, [now, channel]);
      return removed;
    });
  }

  insert(row: NewReminderRow, now: number): number {
    const r = { payload: null, ...row, platform: 'platform' in row ? row.platform : (ChannelRef.platformOf(row.channel) ?? 'unknown') };
    return this.db.run(
      `INSERT INTO reminders (key, channel, platform, letter, state_id, state, kind, due_at, zone, deadline, payload, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
       ON CONFLICT (key) DO UPDATE SET status = 'pending', attempts = 0, next_attempt_at = 0, updated_at = excluded.updated_at
         WHERE reminders.status = 'cancelled'`,
      [r.key, r.channel, r.platform, r.letter, r.stateId, r.state, r.kind, r.dueAt, r.zone, r.deadline, r.payload, now],
    );
  }

  pendingKeys(): PendingKey[] {
    return this.db.all<PendingKey>(`SELECT ${PENDING_KEY} FROM reminders WHERE status = 'pending' AND kind != 'missed-summary'`);
  }

  pendingOf(where: { channel: string } | { letter: string; stateId: string }): PendingKey[] {
    return 'channel' in where
      ? this.db.all<PendingKey>(`SELECT ${PENDING_KEY} FROM reminders WHERE channel = $1 AND status = 'pending' AND kind != 'missed-summary'`, [where.channel])
      : this.db.all<PendingKey>(`SELECT ${PENDING_KEY} FROM reminders WHERE letter = $1 AND state_id = $2 AND status = 'pending'`, [where.letter, where.stateId]);
  }

  planMarks(): Map<string, string> {
    return new Map(this.db.all<{ item: string; inputs: string }>('SELECT item, inputs FROM reminder_plan').map((r) => [r.item, r.inputs]));
  }

  setPlanMark(item: string, inputs: string | null): void {
    if (inputs === null) this.db.run('DELETE FROM reminder_plan WHERE item = $1', [item]);
    else this.db.run('INSERT INTO reminder_plan (item, inputs) VALUES ($1, $2) ON CONFLICT (item) DO UPDATE SET inputs = excluded.inputs', [item, inputs]);
  }

  cancel(key: string, now: number): number {
    return this.db.run(`UPDATE reminders SET status = 'cancelled', updated_at = $1 WHERE key = $2 AND status = 'pending'`, [now, key]);
  }

  missedChannels(before: number, platforms: string[]): string[] {
    return this.db
      .all<{ channel: string }>(
        `SELECT DISTINCT channel COLLATE "C" AS channel FROM reminders WHERE status = 'pending' AND attempts = 0 AND kind != 'missed-summary' AND due_at < $1
           AND platform = ANY($2::text[]) ORDER BY 1`,
        [before, platforms],
      )
      .map((r) => r.channel);
  }

  missedCandidates(channel: string, before: number): ReminderRow[] {
    return this.db
      .all(`SELECT ${COLUMNS} FROM reminders WHERE channel = $1 AND status = 'pending' AND attempts = 0 AND kind != 'missed-summary' AND due_at < $2 ORDER BY due_at, key COLLATE "C"`, [
        channel,
        before,
      ])
      .map(toRow);
  }

  markMissed(keys: string[], summaryKey: string, now: number): void {
    this.db.run(`UPDATE reminders SET status = 'missed', summary_key = $1, updated_at = $2 WHERE key = ANY($3::text[]) AND status = 'pending'`, [summaryKey, now, keys]);
  }

  claim(o: ClaimOptions): ReminderRow[] {
    // One statement: the due rows no other process holds are locked (SKIP LOCKED), leased and returned.
    const rows = this.db.all(
      `WITH due AS (
         SELECT key FROM reminders WHERE due_at <= $1 AND platform = ANY($2::text[])
           AND ((status = 'pending' AND next_attempt_at <= $1) OR (status IN ('claimed', 'sending') AND lease_until <= $1))
         ORDER BY due_at, key COLLATE "C" LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE reminders r SET status = 'claimed', lease_owner = $4, lease_until = $5, attempts = r.attempts + 1,
         maybe_sent = CASE WHEN r.status = 'sending' THEN 1 ELSE r.maybe_sent END, updated_at = $1
       FROM due WHERE r.key = due.key
       RETURNING ${columns('r.')}`,
      [o.now, o.platforms, o.limit, o.owner, o.now + o.leaseMs],
    );
    return rows.map(toRow).sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  markSending(key: string, owner: string, now: number): boolean {
    return this.db.run(`UPDATE reminders SET status = 'sending', maybe_sent = 1, updated_at = $1 WHERE key = $2 AND lease_owner = $3 AND status = 'claimed'`, [now, key, owner]) === 1;
  }

  markSent(key: string, messageId: string, now: number): boolean {
    return (
      this.db.run(
        `UPDATE reminders SET status = 'sent', message_id = $1, sent_at = $2, lease_owner = NULL, lease_until = NULL, updated_at = $2
         WHERE key = $3 AND status IN ('claimed', 'sending', 'pending')`,
        [messageId, now, key],
      ) === 1
    );
  }

  cancelClaimed(key: string, owner: string, now: number): void {
    this.db.run(`UPDATE reminders SET status = 'cancelled', lease_owner = NULL, lease_until = NULL, updated_at = $1 WHERE key = $2 AND lease_owner = $3 AND status = 'claimed'`, [now, key, owner]);
  }

  fail(key: string, owner: string, error: string, now: number, outcome: { status: ReminderStatus; nextAttemptAt: number }): void {
    this.db.run(
      `UPDATE reminders SET status = $1, next_attempt_at = $2, lease_owner = NULL, lease_until = NULL, last_error = $3, updated_at = $4
       WHERE key = $5 AND lease_owner = $6 AND status IN ('claimed', 'sending')`,
      [outcome.status, outcome.nextAttemptAt, error, now, key, owner],
    );
  }

  retryNeedsReview(channel: string, now: number): number {
    return this.db.run(`UPDATE reminders SET status = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL, updated_at = $1 WHERE channel = $2 AND status = 'needs-review'`, [now, channel]);
  }

  renew(owner: string, until: number): number {
    return this.db.run(`UPDATE reminders SET lease_until = $1 WHERE lease_owner = $2 AND status IN ('claimed', 'sending')`, [until, owner]);
  }

  release(owner: string, now: number): number {
    return this.db.run(
      `UPDATE reminders SET status = 'pending', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, updated_at = $1
       WHERE lease_owner = $2 AND status = 'claimed'`,
      [now, owner],
    );
  }

  row(key: string): ReminderRow | undefined {
    const r = this.db.get(`SELECT ${COLUMNS} FROM reminders WHERE key = $1`, [key]);
    return r && toRow(r);
  }

  forChannel(channel: string, sentSince: number): ReminderRow[] {
    return this.db
      .all(`SELECT ${COLUMNS} FROM reminders WHERE channel = $1 AND (status IN ('pending', 'claimed', 'sending', 'needs-review') OR due_at >= $2) ORDER BY due_at, key COLLATE "C"`, [channel, sentSince])
      .map(toRow)
      .filter((r) => r.status !== 'cancelled' && r.status !== 'missed');
  }

  getState(key: string): string | undefined {
    return this.db.get<{ value: string }>('SELECT value FROM reminder_state WHERE key = $1', [key])?.value;
  }

  setState(key: string, value: string): void {
    this.db.run('INSERT INTO reminder_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.db.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM reminders GROUP BY status').map((r) => [r.status, r.n]));
  }
}
