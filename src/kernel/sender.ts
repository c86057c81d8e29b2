import type { Platform } from './channel.js';
import type { Reply } from './reply.js';

/**
 * Posts a reply to a channel without anyone having asked: the reminder loop's port to each platform.
 * `key` is an idempotency key (a reminder's key): platforms that support one (Matrix transaction ids) use it,
 * so a retried send is not posted twice.
 */
export interface Sender {
  platform: Platform;
  send(channel: string, reply: Reply, key: string): Promise<{ messageId: string }>;
  /**
   * Finds a message this sender already posted under `key`, when the platform can tell (Slack message
   * metadata, a Matrix transaction id). The reminder loop asks before re-sending a reminder whose earlier
   * attempt may or may not have reached the platform (a crash between send and "sent").
   */
  lookup?(channel: string, key: string): Promise<{ messageId: string } | undefined>;
}
