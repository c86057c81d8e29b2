import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Reply } from '../../src/kernel/reply.js';
import { errorCode } from './coordinator-group.js';
import { renderSlackMessages, type SlackMessage } from './render-blocks.js';
import type { ShareStore } from './share-store.js';

/** Posting replies: in a thread (mentions, DMs, follow-ups) or privately to the asker (slash commands). */
export function replyDelivery(client: webApi.WebClient, shares: ShareStore, logger: Logger) {
  const post = (channel: string, m: SlackMessage, threadTs?: string) =>
    client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false });

  /**
   * A file in a reply (an export) goes up as a Slack file (files.uploadV2: upload URL, upload, complete) in the
   * channel or thread, not pasted as text; the reply's other blocks are returned to post as messages. When the
   * upload fails (no files:write scope, not in the channel), the file is pasted as before, so nothing is lost.
   */
  async function uploadFiles(channel: string, threadTs: string | undefined, reply: Reply): Promise<Reply> {
    const files = reply.blocks.filter((b): b is Extract<Reply['blocks'][number], { kind: 'file' }> => b.kind === 'file');
    if (!files.length) return reply;
    try {
      for (const f of files) {
        await client.filesUploadV2({ channel_id: channel, ...(threadTs ? { thread_ts: threadTs } : {}), filename: f.name, title: f.name, content: f.content } as never);
      }
    } catch (err) {
      logger.warn({ code: errorCode(err), channel }, 'could not upload a file; pasting it instead');
      return reply;
    }
    return { ...reply, blocks: reply.blocks.filter((b) => b.kind !== 'file') };
  }

  return {
    /**
     * Every part of the reply, in order, in the thread under `threadTs`. A reply meant for the whole
     * channel (a recorded answer, a subscription) is also shown in the channel (Slack's "Also send to
     * channel"), except in a direct message, where there is no one else to tell.
     */
    async inThread(channel: string, threadTs: string, reply: Reply, options: { isDirect: boolean; user?: string }): Promise<void> {
      // A reply for the asker's eyes only (a page link) is ephemeral in the thread: the thread is the channel's.
      if (reply.visibility === 'private' && !options.isDirect && options.user) {
        for (const m of renderSlackMessages({ ...reply, shareable: false })) {
          await client.chat.postEphemeral({ channel, user: options.user, thread_ts: threadTs, text: m.text, blocks: m.blocks });
        }
        return;
      }
      const broadcast = reply.visibility === 'channel' && !options.isDirect;
      reply = await uploadFiles(channel, threadTs, reply);
      for (const [i, m] of renderSlackMessages(reply).entries()) {
        const common = { channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false };
        await client.chat.postMessage(broadcast && i === 0 ? { ...common, reply_broadcast: true } : common);
      }
    },

    /**
     * A slash command's answer. 'channel' replies go out with chat.postMessage, which (unlike an
     * in_channel response) does not show the channel the person's command. Everything else is ephemeral:
     * through response_url first (works 5 times in 30 minutes), then chat.postEphemeral.
     */
    async toCommand(args: { channel: string; user: string; respond?: RespondFn; reply: Reply }): Promise<void> {
      const { channel, user } = args;
      // A file cannot be ephemeral in Slack: an export asked for by slash command is uploaded in the channel.
      const reply = await uploadFiles(channel, undefined, args.reply);
      if (reply.visibility === 'channel') {
        try {
          for (const m of renderSlackMessages(reply)) await post(channel, m);
          return;
        } catch (err) {
          logger.warn({ code: errorCode(err), channel }, 'could not post in the channel; answering privately');
        }
      }
      const shareId = reply.shareable ? shares.put(reply, channel, user) : undefined;
      let respond = args.respond;
      for (const m of renderSlackMessages(reply, { shareId })) {
        if (respond) {
          try {
            await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
            continue;
          } catch (err) {
            logger.info({ code: errorCode(err), channel }, 'response_url refused the answer; using chat.postEphemeral');
            respond = undefined;
          }
        }
        await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks });
      }
    },

    /** "Share in channel": the stored answer, posted by the bot (the person's command stays private) */
    async share(args: { id: string; channel: string | undefined; user: string; respond: RespondFn }): Promise<void> {
      const { id, channel, user, respond } = args;
      const reply = shares.take(id, channel, user);
      const tell = (text: string, replace = false) =>
        respond({ response_type: 'ephemeral', replace_original: replace, text }).catch((err) => logger.info({ code: errorCode(err) }, 'could not answer the share button'));
      if (!reply || !channel) {
        await tell('That answer can no longer be shared (answers wait an hour behind the button). Ask again, then share.');
        return;
      }
      try {
        for (const m of renderSlackMessages({ ...reply, visibility: 'channel', shareable: false })) await post(channel, m);
      } catch (err) {
        const code = errorCode(err);
        logger.warn({ code, channel }, 'could not share an answer in the channel');
        shares.putBack(id, reply, channel, user);
        await tell(
          code === 'not_in_channel' || code === 'channel_not_found'
            ? 'I am not a member of this channel, so I cannot post here. Invite me (`/invite @pledgewatch`), then press Share again.'
            : 'Slack did not take the message just now. Press Share again in a moment.',
        );
        return;
      }
      await tell('Shared in the channel.', true);
    },
  };
}
export type ReplyDelivery = ReturnType<typeof replyDelivery>;
