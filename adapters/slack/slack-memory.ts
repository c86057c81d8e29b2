import type { Logger } from 'pino';
import type { Clock } from '../../src/kernel/clock.js';
import type { DeliveryLog } from '../../src/storage/delivery-log.js';
import type { KeyValue } from '../../src/storage/key-value.js';

/** How long a delivery is remembered: well past Slack's retries (3 within an hour at most) and 10 minutes. */
export const DEDUPE_KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Keys that could not be written (full disk) wait in memory for the next batch, at most this many. */
const MAX_UNSAVED = 10_000;

export interface SlackMemoryOptions {
  /** Slack's delivery log */
  deliveries: DeliveryLog;
  kv: KeyValue;
  clock: Clock;
  logger: Logger;
  /** told when a write fails (the storage guard notes a full disk for /healthz), and when one succeeds again */
  storage?: { cannotSave(err: unknown): boolean; wrote(): void };
  /**
   * The delivery log is shared with other replicas (PostgreSQL): it alone says who answers, so a delivery
   * whose record cannot be written is not answered (another replica may have it); it is logged as lost.
   */
  shared?: boolean;
}

/**
 * What this adapter remembers, so a redelivery is recognised even after a restart: deliveries already handled
 * (by event id, by (channel, message ts), by trigger id or envelope), and the threads the bot answered in, so a
 * follow-up there is answered without a new mention.
 *
 * The order that makes dedupe safe is kept: a delivery is answered only after its keys are recorded, so a
 * retry (concurrent, or after a restart) is never answered twice. But nothing of it sits in the ack path:
 * - a key seen in this process is known at once from memory (check-and-add is one synchronous step, so two
 *   deliveries racing each other cannot both pass);
 * - the durable record is one INSERT OR IGNORE per key in one transaction per event-loop turn for every
 *   delivery that arrived in that turn, run after the acks went out; its per-key result also tells a delivery
 *   already handled before a restart. The answer waits for that commit, the ack does not.
 * On a full disk the record cannot be written: the database is still read (history before the fault counts),
 * memory covers this process, the keys wait for a later batch, and the person still gets an answer. With
 * replicas sharing the log (`shared`) memory covers only this replica, so such a delivery goes unanswered
 * instead (at most once: a lost answer, counted in the log, never a double).
 */
export function slackMemory(options: SlackMemoryOptions) {
  const { deliveries, kv, clock, storage } = options;
  const log = options.logger.child({ module: 'slack' });
  const now = () => clock.now().getTime();
  const seen = new Map<string, number>();
  /** threads whose record could not be written (full disk): remembered for this process */
  const threads = new Set<string>();
  let unsaved: string[] = [];
  let batch: { keys: string[]; done: Promise<Map<string, boolean>> } | undefined;
  let lastPrune = 0;
  let failing = false;

  const forget = () => {
    if (now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now();
    const cutoff = now() - DEDUPE_KEEP_MS;
    for (const [key, at] of seen) {
      if (at >= cutoff) break; // insertion order is time order
      seen.delete(key);
    }
    // Only Slack's own records: other adapters keep theirs as long as they need.
    deliveries.prune(DEDUPE_KEEP_MS, now());
  };

  const flush = (keys: string[]): Map<string, boolean> => {
    const all = [...unsaved, ...keys];
    try {
      const fresh = deliveries.recordDeliveries(all, now());
      unsaved = [];
      if (failing) ((failing = false), log.info('delivery records are written again'));
      storage?.wrote();
      try {
        forget();
      } catch (err) {
        log.warn({ code: (err as { code?: string }).code }, 'could not prune delivery records');
      }
      const result = new Map<string, boolean>();
      all.forEach((k, i) => result.has(k) || result.set(k, fresh[i]!)); // the first delivery of a key in a batch is the fresh one
      return result;
    } catch (err) {
      storage?.cannotSave(err);
      unsaved = all.slice(-MAX_UNSAVED);
      if (options.shared) {
        log.error({ code: (err as { code?: string }).code, lost: keys.length }, 'could not record deliveries; not answered, another replica may have them (answers lost)');
        failing = true;
        return new Map(keys.map((k) => [k, false]));
      }
      if (!failing) log.error({ code: (err as { code?: string }).code }, 'could not record deliveries; answering from memory and history until the disk has room');
      failing = true;
      const known = new Map<string, boolean>();
      for (const k of keys) {
        try {
          known.set(k, !deliveries.wasDelivered(k));
        } catch {
          known.set(k, true); // unreadable too: answering beats silence, and memory still stops repeats here
        }
      }
      return known;
    }
  };

  /** The keys join this turn's batch; the promise settles once the batch is committed (or known unwritable). */
  const record = (keys: string[]): Promise<Map<string, boolean>> => {
    if (!batch) {
      const current: { keys: string[]; done: Promise<Map<string, boolean>> } = { keys: [], done: undefined as never };
      // setImmediate: after this turn's I/O (the other requests and their acks), before the next.
      current.done = new Promise((resolve) => setImmediate(() => ((batch = undefined), resolve(flush(current.keys)))));
      batch = current;
    }
    batch.keys.push(...keys);
    return batch.done;
  };

  return {
    /**
     * True the first time any of these keys is seen. All keys are recorded, so a later delivery that shares
     * any one of them (a retry with the same event id, or the same message sent as another event) is dropped.
     */
    async firstDelivery(keys: string[]): Promise<boolean> {
      const t = now();
      const repeated = keys.some((k) => seen.has(k));
      for (const k of keys) if (!seen.has(k)) seen.set(k, t);
      const written = record(keys);
      if (repeated) return false;
      const fresh = await written;
      return keys.every((k) => fresh.get(k) !== false);
    },
    /** The answer to a delivery went out: noted in the log (a delivery taken and never answered is a lost answer, counted). */
    answered(keys: string[]): void {
      try {
        for (const k of keys) deliveries.answered(k, now());
      } catch (err) {
        log.warn({ code: (err as { code?: string }).code }, 'could not note an answer as sent');
      }
    },
    /** settles when the batch under way (if any) is written: stop() waits for it before the database closes */
    idle: (): Promise<void> => (batch ? batch.done.then(() => undefined) : Promise.resolve()),
    rememberThread(channel: string, threadTs: string): void {
      try {
        kv.set(`slack:thread:${channel}:${threadTs}`, '1', now());
      } catch (err) {
        storage?.cannotSave(err);
        threads.add(`${channel}:${threadTs}`);
        log.warn({ code: (err as { code?: string }).code }, 'could not save a thread the bot answered in (remembered until restart)');
      }
    },
    isBotThread(channel: string, threadTs: string): boolean {
      return threads.has(`${channel}:${threadTs}`) || kv.get(`slack:thread:${channel}:${threadTs}`) === '1';
    },
  };
}
export type SlackMemory = ReturnType<typeof slackMemory>;
