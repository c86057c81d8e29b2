import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { Sender } from '../kernel/sender.js';
import type { ClaimedReminder, ReminderService } from './service.js';
import { pacer } from './slices.js';
import type { ReminderRow } from './store.js';

/**
 * The reminder loop: rows, not timers. Each tick asks the reminder room to plan (rows from the ledger, and
 * reminders too late to post folded into one summary per channel), then for each due row: claim it (a
 * transaction with a lease), mark it "sending", post it through its platform's Sender with the row key as
 * idempotency key (outside any transaction: better-sqlite3 transactions cannot await), and record the
 * platform's message id. A process that dies anywhere leaves a row another tick can pick up once the lease
 * runs out; a row that was mid-send is first looked up on the platform, so it is not posted twice.
 */

export interface ReminderLoopOptions {
  reminders: ReminderService;
  /**
   * the senders of the adapters that are running, by platform; rows of other platforms wait. Read at each
   * tick: a replica that becomes the Matrix leader adds Matrix's sender, one that stops being it removes it.
   */
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

/** The settings of one loop, resolved. */
interface LoopContext {
  reminders: ReminderService;
  senders: Map<string, Sender>;
  clock: Clock;
  platforms: string[];
  /** the senders as they were when this tick began */
  tickSenders: Map<string, Sender>;
  owner: string;
  leaseMs: number;
  sendTimeoutMs: number;
  maxAttempts: number;
  batch: number;
  graceMs: number;
  phases: ReminderLoopOptions['phases'];
  log: Logger;
  stopping: boolean;
}

export function createReminderLoop(options: ReminderLoopOptions): ReminderLoop {
  const ctx: LoopContext = {
    reminders: options.reminders,
    senders: options.senders,
    clock: options.clock,
    platforms: [...options.senders.keys()],
    tickSenders: new Map(options.senders),
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    sendTimeoutMs: options.sendTimeoutMs ?? 20_000,
    maxAttempts: options.maxAttempts ?? 8,
    batch: options.batch ?? 5,
    graceMs: options.graceHours * 3_600_000,
    phases: options.phases,
    log: options.logger.child({ module: 'reminder-loop' }),
    stopping: false,
  };
  let running: Promise<TickResult> | undefined;
  return {
    owner: ctx.owner,
    tick() {
      // node-cron and the start-up tick may overlap: one tick at a time per process.
      running ??= runTick(ctx).finally(() => {
        running = undefined;
      });
      return running;
    },
    async stop() {
      ctx.stopping = true;
      await running?.catch(() => undefined);
      ctx.reminders.releaseClaims(ctx.owner);
    },
  };
}

/** Plan, then post what is due, batch by batch, while renewing this process's claims. */
async function runTick(ctx: LoopContext): Promise<TickResult> {
  ctx.tickSenders = new Map(ctx.senders);
  ctx.platforms = [...ctx.tickSenders.keys()];
  const plan = await ctx.reminders.plan(ctx.platforms.length ? { platforms: ctx.platforms, graceMs: ctx.graceMs } : undefined);
  const result: TickResult = { planned: plan.planned, cancelled: plan.cancelled, summarised: plan.summarised, sent: 0, failed: 0, recovered: 0 };
  if (!ctx.platforms.length) return result;
  const stopHeartbeat = heartbeat(ctx);
  // A platform that answers at once (or a run of cancelled rows) never gives the event loop a turn by itself.
  const pace = pacer();
  try {
    while (!ctx.stopping) {
      const claimed = ctx.reminders.claim(plan, { owner: ctx.owner, platforms: ctx.platforms, leaseMs: ctx.leaseMs, limit: ctx.batch });
      if (!claimed.length) break;
      for (const c of claimed) {
        if (ctx.stopping) break;
        await deliver(ctx, c, result);
        await pace();
      }
    }
  } finally {
    stopHeartbeat();
    ctx.reminders.releaseClaims(ctx.owner);
  }
  return result;
}

/** Renews this process's claims every third of a lease until stopped. */
function heartbeat(ctx: LoopContext): () => void {
  const timer = setInterval(() => {
    try {
      ctx.reminders.renewClaims(ctx.owner, ctx.leaseMs);
    } catch (err) {
      ctx.log.warn({ err: errorCode(err) }, 'could not renew reminder claims; another process may take them over');
    }
  }, Math.max(250, ctx.leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/** One claimed reminder: cancelled if no longer wanted, recovered if an earlier attempt posted it, else posted. */
async function deliver(ctx: LoopContext, { row, reply }: ClaimedReminder, result: TickResult): Promise<void> {
  const { reminders, owner } = ctx;
  const sender = ctx.tickSenders.get(row.platform)!;
  const context = { key: row.key, channel: row.channel, kind: row.kind, attempt: row.attempts };
  let started = false;
  try {
    ctx.phases?.claimed?.(row);
    const message = reply();
    if (!message) {
      reminders.record(row.key, owner, { status: 'cancelled' });
      result.cancelled++;
      return;
    }
    if (row.maybeSent && (await alreadyPosted(ctx, row, sender))) {
      result.recovered++;
      return;
    }
    if (!reminders.record(row.key, owner, { status: 'sending' })) {
      ctx.log.warn(context, 'lost the claim on a reminder before sending; another process has it');
      return;
    }
    started = true;
    ctx.phases?.sending?.(row);
    const { messageId } = await withTimeout(sender.send(row.channel, message, row.key), ctx.sendTimeoutMs);
    ctx.phases?.sent?.(row);
    reminders.record(row.key, owner, { status: 'sent', messageId });
    result.sent++;
    ctx.log.info({ ...context, messageId }, 'reminder posted');
  } catch (err) {
    result.failed++;
    recordFailure(ctx, row, err, started);
  }
}

/** An earlier attempt died or failed after the network call began: ask the platform before posting again. */
async function alreadyPosted(ctx: LoopContext, row: ReminderRow, sender: Sender): Promise<boolean> {
  const context = { key: row.key, channel: row.channel, kind: row.kind, attempt: row.attempts };
  if (!sender.lookup) {
    ctx.log.warn(context, 'reminder may have been posted by an interrupted attempt; this platform cannot tell, posting it again');
    return false;
  }
  const found = await withTimeout(sender.lookup(row.channel, row.key), ctx.sendTimeoutMs);
  if (!found) return false;
  ctx.reminders.record(row.key, ctx.owner, { status: 'sent', messageId: found.messageId });
  ctx.log.info(context, 'reminder was already posted by an earlier attempt; recorded it');
  return true;
}

/** A failed attempt: retried with a doubling backoff, or left for review once attempts are used up. */
function recordFailure(ctx: LoopContext, row: ReminderRow, err: unknown, sendStarted: boolean): void {
  const context = { key: row.key, channel: row.channel, kind: row.kind, attempt: row.attempts };
  const giveUp = row.attempts >= ctx.maxAttempts;
  const retryAt = ctx.clock.now().getTime() + Math.min(60_000 * 2 ** Math.max(0, row.attempts - 1), MAX_BACKOFF_MS);
  const code = errorCode(err);
  ctx.reminders.record(row.key, ctx.owner, { status: 'failed', error: code, retryAt: giveUp ? null : retryAt });
  if (giveUp) ctx.log.error({ ...context, err: code, sendStarted }, 'reminder could not be posted after every attempt; it needs review');
  else ctx.log.warn({ ...context, err: code, sendStarted, retryAt: new Date(retryAt).toISOString() }, 'reminder not posted; will retry');
}

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
