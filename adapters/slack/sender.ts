import type { webApi } from '@slack/bolt';
import { ChannelRef } from '../../src/kernel/channel.js';
import type { Sender } from '../../src/kernel/sender.js';
import type { Reply } from '../../src/kernel/reply.js';
import { renderSlackMessages } from './render-blocks.js';
import { isSlackChannelId } from './slack-text.js';

/** The message metadata type that marks a reminder, so it can be found again (conversations.history). */
export const REMINDER_EVENT_TYPE = 'pledgewatch_reminder';
const LOOKUP_PAGES = 3;

/** 'slack:C0123' → 'C0123'; anything else is a programming error upstream. */
export function slackChannelId(channel: string): string {
  const id = ChannelRef.idOn('slack', channel) ?? '';
  if (!isSlackChannelId(id)) throw new Error(`not a Slack channel id: ${JSON.stringify(channel.slice(0, 40))}`);
  return id;
}

/**
 * Posts reminders with chat.postMessage. Each message carries metadata with the reminder's key, so
 * `lookup` can tell whether an earlier attempt reached Slack after all. A failed post throws (the client's
 * retries are bounded and cover only 429s, see slack-adapter.ts): the reminder stays queued, never lost.
 */
export function slackSender(client: webApi.WebClient): Sender {
  return {
    platform: 'slack',
    async send(channel: string, reply: Reply, key: string) {
      const id = slackChannelId(channel);
      const messages = renderSlackMessages(reply);
      let first: string | undefined;
      for (const [part, m] of messages.entries()) {
        const res = await client.chat.postMessage({
          channel: id,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: REMINDER_EVENT_TYPE, event_payload: { key, part, parts: messages.length } },
        });
        first ??= res.ts;
      }
      if (!first) throw new Error('Slack accepted the reminder but returned no message ts');
      return { messageId: first };
    },
    async lookup(channel: string, key: string) {
      const id = slackChannelId(channel);
      const parts = new Map<number, string>();
      let expected = Infinity;
      let cursor: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const res = await client.conversations.history({ channel: id, include_all_metadata: true, limit: 200, cursor });
        for (const m of res.messages ?? []) {
          const meta = m.metadata as { event_type?: string; event_payload?: { key?: unknown; part?: unknown; parts?: unknown } } | undefined;
          if (!m.bot_id || meta?.event_type !== REMINDER_EVENT_TYPE || meta.event_payload?.key !== key || !m.ts) continue;
          const part = Number(meta.event_payload.part ?? 0);
          // History comes newest first: keep the newest copy of each part.
          if (!parts.has(part)) parts.set(part, m.ts);
          expected = Number(meta.event_payload.parts ?? 1);
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor || parts.size >= expected) break;
      }
      // Only a complete reminder counts as sent: a half-posted one is sent again whole.
      if (parts.size === 0 || parts.size < expected || !parts.has(0)) return undefined;
      return { messageId: parts.get(0)! };
    },
  };
}
