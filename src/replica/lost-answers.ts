import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { DeliveryLogs } from '../storage/delivery-log.js';
import type { KeyValue } from '../storage/key-value.js';

/** The keys that stand for one delivery to answer, per adapter (Slack also records envelope and event ids beside them). */
export const ANSWERED_KEYS: Record<string, string[]> = { slack: ['trigger:', 'msg:'], matrix: ['event:'] };
/** A delivery still unanswered this long after it was taken counts as lost (the catch-up bound for commands). */
const SETTLE_MS = 10 * 60_000;
const EVERY_MS = 10 * 60_000;

/**
 * At most once means an answer may be lost (a process killed between taking a delivery and answering it, a
 * database that could not be reached), never sent twice. The losses are counted here, from the delivery log: at
 * start and every 10 minutes, deliveries taken since the last count and never answered are logged, per adapter.
 * The position of the count is kept in the key-value store, so a restart (or another replica) goes on from it.
 */
export function countLostAnswers(o: { deliveries: DeliveryLogs; kv: KeyValue; clock: Clock; logger: Logger; adapters: string[] }): () => void {
  const log = o.logger.child({ module: 'deliveries' });
  const count = () => {
    const to = o.clock.now().getTime() - SETTLE_MS;
    for (const adapter of o.adapters) {
      const mark = `deliveries:lost-counted:${adapter}`;
      try {
        const from = Number(o.kv.get(mark) ?? to);
        if (from >= to) {
          if (o.kv.get(mark) === undefined) o.kv.set(mark, String(to));
          continue;
        }
        const lost = (ANSWERED_KEYS[adapter] ?? ['']).reduce((n, prefix) => n + o.deliveries.for(adapter).lost(prefix, from, to), 0);
        o.kv.set(mark, String(to));
        if (lost) log.warn({ adapter, lost, from: new Date(from).toISOString(), to: new Date(to).toISOString() }, 'answers lost: deliveries taken and never answered');
      } catch (err) {
        log.warn({ adapter, code: (err as { code?: string }).code }, 'could not count lost answers');
      }
    }
  };
  count();
  const timer = setInterval(count, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
