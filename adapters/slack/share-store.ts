import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/kernel/clock.js';
import type { Reply } from '../../src/kernel/reply.js';

const KEEP_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 500;

interface Entry {
  reply: Reply;
  channel: string;
  user: string;
  at: number;
}

/**
 * Answers waiting behind a "Share in channel" button. Kept in memory only, for an hour: answers (and the
 * questions behind them) are not written to disk for a button most people never press. After a restart
 * the button says the answer has expired, and the person asks again.
 */
export function shareStore(clock: Clock) {
  const entries = new Map<string, Entry>();
  const now = () => clock.now().getTime();
  const sweep = () => {
    for (const [id, e] of entries) if (now() - e.at > KEEP_MS) entries.delete(id);
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  return {
    put(reply: Reply, channel: string, user: string): string {
      sweep();
      const id = randomUUID();
      entries.set(id, { reply, channel, user, at: now() });
      return id;
    },
    /** the entry, once: a second press of the same button finds nothing */
    take(id: string, channel: string | undefined, user: string): Reply | undefined {
      sweep();
      const e = entries.get(id);
      if (!e || e.channel !== channel || e.user !== user) return undefined;
      entries.delete(id);
      return e.reply;
    },
    putBack(id: string, reply: Reply, channel: string, user: string): void {
      entries.set(id, { reply, channel, user, at: now() });
    },
  };
}
export type ShareStore = ReturnType<typeof shareStore>;
