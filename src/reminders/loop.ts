import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { Reply } from '../kernel/reply.js';
import type { Sender } from '../kernel/sender.js';
import type { LetterDeadline } from './ledger-port.js';
import { effectiveSchedule, MISSED_SUMMARY, needsReminders, reminderKey, stillWanted } from './policy.js';
import { missedSummaryReply, reminderReply, type MissedItem } from './render.js';
import { deadlineKey, type ReminderService } from './service.js';
import type { ReminderRow } from './store.js';

/**
 * The reminder loop: rows, not timers. Each tick plans rows from the ledger, folds reminders that are too
 * late into one summary per channel, then for each due row: claim it (a transaction with a lease), mark it
 * "sending", post it through its platform's Sender with the row key as idempotency key (outside any
 * transaction: better-sqlite3 transactions cannot await), and record the platform's message id. A process
 * that dies anywhere leaves a row another tick can pick up once the lease runs out; a row that was mid-send
 * is first looked up on the platform, so it is not posted twice.
 */

export interface ReminderLoopOptions {
  reminders: ReminderService;
  /** the senders of the adapters that are running, by platform; rows of other platforms wait */
  senders: Map<string, Sender>;
  clock: Clock;
  logger: Logger;
  graceHours: number;
  /** identifies this process's claims; unique per process */
  owner?: string;
  leaseMs?: number;
  sendTimeoutMs?: number;
  maxAttempts?: number;
  /** rows claimed per transaction (their claims are renewed while the earlier ones are sent) */
  batch?: number;
  /** the deadline as this channel may read it (sensitive askers masked outside private channels) */
  present?: (channel: string, d: LetterDeadline) => LetterDeadline;
  /** test seams: called synchronously at each phase (a crash test kills its own process here) */
  phases?: Partial<Record<'claimed' | 'sending' | 'sent', (row: ReminderRow) => void>>;
}

export interface TickResult {
  planned: number;
  cancelled: number;
  summarised: number;
  sent: number;
  failed: number;
  /** rows found already posted on the platform by an attempt that died before recording it */
  recovered: number;
}

export interface ReminderLoop {
  readonly owner: string;
  tick(): Promise<TickResult>;
  /** waits for a running tick and gives back claims not yet being sent */
  stop(): Promise<void>;
}

/**
 * A claim is held for this long unless renewed. The loop renews its claims every third of it while it works,
 * so a long send keeps its claim, and a process killed mid-claim frees its rows within this time (then the
 * next minute's tick posts them).
 */
export const DEFAULT_LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

class SendTimeout extends Error {
  readonly code = 'send-timeout';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** An error as a short code for logs and the row: never the message text, which could quote a reply. */
const errorCode = (err: unknown): string => {
  const e = err as { code?: unknown; errcode?: unknown; name?: unknown; data?: { error?: unknown } };
  return String(e?.code ?? e?.errcode ?? e?.data?.error ?? e?.name ?? 'error').slice(0, 80);
};

export function createReminderLoop(options: ReminderLoopOptions): ReminderLoop {
  const { reminders, senders, clock } = options;
  const { store } = reminders;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? 20_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const batch = options.batch ?? 5;
  const graceMs = options.graceHours * 3_600_000;
  const log = options.logger.child({ module: 'reminder-loop' });
  const platforms = [...senders.keys()];
  let running: Promise<TickResult> | undefined;
  let stopping = false;

  function summariseMissed(now: Date, deadlines: Map<string, LetterDeadline>): number {
    const zones = new Map(store.subscriptions().map((s) => [s.channel, effectiveSchedule(s, reminders.policy, reminders.timezone).zone]));
    // One IMMEDIATE transaction: two processes cannot both summarise the same rows.
    return store.transaction(() => {
      const missed = store.missedCandidates(now.getTime() - graceMs, platforms);
      const byChannel = new Map<string, ReminderRow[]>();
      for (const r of missed) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
      for (const [channel, rows] of byChannel) {
        const items: MissedItem[] = rows.map((r) => ({ state: r.state, letter: r.letter, letterTitle: deadlines.get(deadlineKey(r.letter, r.stateId))?.letterTitle, kind: r.kind, dueAt: r.dueAt, deadline: r.deadline, zone: r.zone }));
        const dueAt = now.getTime();
        const key = reminderKey(channel, '*', '*', MISSED_SUMMARY, dueAt);
        store.insertSummary(
          { key, channel, platform: rows[0]!.platform, letter: '*', stateId: '*', state: '*', kind: MISSED_SUMMARY, dueAt, zone: zones.get(channel) ?? rows[0]!.zone, deadline: null, payload: JSON.stringify(items) },
          rows.map((r) => r.key),
          dueAt,
        );
        log.warn({ channel, missed: rows.length, graceHours: options.graceHours }, 'reminders fell due too long ago; summarised in one message');
      }
      return missed.length;
    });
  }

  /** The reply for a claimed row, or undefined when the row is no longer wanted. */
  function replyFor(row: ReminderRow, now: Date, deadlines: Map<string, LetterDeadline>): Reply | undefined {
    if (row.kind === MISSED_SUMMARY) return missedSummaryReply(row.channel, JSON.parse(row.payload ?? '[]') as MissedItem[], now);
    const d = deadlines.get(deadlineKey(row.letter, row.stateId));
    const sub = store.subscription(row.channel);
    if (!d || !needsReminders(d) || !stillWanted(row, d, sub, reminders.policy, reminders.timezone)) return undefined;
    return reminderReply(row, { ...(options.present?.(row.channel, d) ?? d), deadline: d.deadline }, now);
  }

  async function deliver(row: ReminderRow, result: TickResult, deadlines: Map<string, LetterDeadline>): Promise<void> {
    const sender = senders.get(row.platform)!;
    const context = { key: row.key, channel: row.channel, kind: row.kind, attempt: row.attempts };
    let started = false;
    try {
      options.phases?.claimed?.(row);
      const reply = replyFor(row, clock.now(), deadlines);
      if (!reply) {
        store.cancelClaimed(row.key, owner, clock.now().getTime());
        result.cancelled++;
        return;
      }
      if (row.maybeSent) {
        // An earlier attempt died or failed after the network call began: ask the platform before posting again.
        const found = sender.lookup ? await withTimeout(sender.lookup(row.channel, row.key), sendTimeoutMs) : undefined;
        if (found) {
          store.markSent(row.key, found.messageId, clock.now().getTime());
          result.recovered++;
          log.info(context, 'reminder was already posted by an earlier attempt; recorded it');
          return;
        }
        if (!sender.lookup) log.warn(context, 'reminder may have been posted by an interrupted attempt; this platform cannot tell, posting it again');
      }
      if (!store.markSending(row.key, owner, clock.now().getTime())) {
        log.warn(context, 'lost the claim on a reminder before sending; another process has it');
        return;
      }
      started = true;
      options.phases?.sending?.(row);
      const { messageId } = await withTimeout(sender.send(row.channel, reply, row.key), sendTimeoutMs);
      options.phases?.sent?.(row);
      store.markSent(row.key, messageId, clock.now().getTime());
      result.sent++;
      log.info({ ...context, messageId }, 'reminder posted');
    } catch (err) {
      result.failed++;
      const attempts = row.attempts;
      const giveUp = attempts >= maxAttempts;
      const now = clock.now().getTime();
      const nextAttemptAt = now + Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
      const code = errorCode(err);
      store.fail(row.key, owner, code, now, { status: giveUp ? 'needs-review' : 'pending', nextAttemptAt });
      if (giveUp) log.error({ ...context, err: code, sendStarted: started }, 'reminder could not be posted after every attempt; it needs review');
      else log.warn({ ...context, err: code, sendStarted: started, retryAt: new Date(nextAttemptAt).toISOString() }, 'reminder not posted; will retry');
    }
  }

  async function runTick(): Promise<TickResult> {
    const result: TickResult = { planned: 0, cancelled: 0, summarised: 0, sent: 0, failed: 0, recovered: 0 };
    const planned = reminders.sync();
    result.planned = planned.inserted;
    result.cancelled = planned.cancelled;
    if (!platforms.length) return result;
    // The ledger as it is at this tick: a reminder shows the progress of the moment it is posted.
    const deadlines = reminders.deadlinesByLetter();
    result.summarised = summariseMissed(clock.now(), deadlines);
    const heartbeat = setInterval(() => {
      try {
        store.renew(owner, clock.now().getTime() + leaseMs);
      } catch (err) {
        log.warn({ err: errorCode(err) }, 'could not renew reminder claims; another process may take them over');
      }
    }, Math.max(250, leaseMs / 3));
    heartbeat.unref();
    try {
      while (!stopping) {
        const rows = store.claim({ owner, platforms, now: clock.now().getTime(), leaseMs, limit: batch });
        if (!rows.length) break;
        for (const row of rows) {
          if (stopping) break;
          await deliver(row, result, deadlines);
        }
      }
    } finally {
      clearInterval(heartbeat);
      store.release(owner, clock.now().getTime());
    }
    return result;
  }

  return {
    owner,
    tick() {
      // node-cron and the start-up tick may overlap: one tick at a time per process.
      running ??= runTick().finally(() => {
        running = undefined;
      });
      return running;
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
      store.release(owner, clock.now().getTime());
    },
  };
}
