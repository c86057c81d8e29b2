import type { Clock } from '../../src/kernel/clock.js';
import type { Inbox } from '../../src/storage/inbox.js';

/** How long a delivery is remembered: well past Slack's retries (3 within an hour at most) and 10 minutes. */
export const DEDUPE_KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/**
 * What this adapter remembers in SQLite (the core's inbox table and kv), so it survives restarts:
 * deliveries already handled, by event id, by (channel, message ts), by trigger id or envelope; and the
 * threads the bot answered in, so a follow-up there is answered without a new mention.
 */
export function slackMemory(inbox: Inbox, clock: Clock) {
  let lastPrune = 0;
  const now = () => clock.now().getTime();
  const prune = () => {
    if (now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now();
    // Only Slack's own records: other adapters keep theirs as long as they need.
    inbox.prune(DEDUPE_KEEP_MS, now(), 'slack:');
  };
  const first = (key: string) => {
    prune();
    return inbox.firstDelivery(key, now());
  };
  return {
    /**
     * True the first time any of these keys is seen. All keys are recorded, so a later delivery that shares
     * any one of them (a retry with the same event id, or the same message sent as another event) is dropped.
     */
    firstDelivery(keys: string[]): boolean {
      let fresh = true;
      for (const key of keys) if (!first(key)) fresh = false;
      return fresh;
    },
    rememberThread(channel: string, threadTs: string): void {
      inbox.set(`slack:thread:${channel}:${threadTs}`, '1', now());
    },
    isBotThread(channel: string, threadTs: string): boolean {
      return inbox.get(`slack:thread:${channel}:${threadTs}`) === '1';
    },
  };
}
export type SlackMemory = ReturnType<typeof slackMemory>;
