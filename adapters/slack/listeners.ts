import type { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { ChannelRef, UserRef } from '../../src/kernel/channel.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Core } from '../../src/core/core.js';
import type { Incoming } from '../../src/core/incoming.js';
import { errorCode } from './coordinator-group.js';
import type { ReplyDelivery } from './deliver.js';
import { SHARE_ACTION_ID } from './render-blocks.js';
import type { SlackMemory } from './slack-memory.js';
import { isSlackUserId, slackToPlain } from './slack-text.js';
import type { AnswerTurns } from './turns.js';
import type { FileRequest, SlackFile, SlackFiles } from './file-intake.js';
import type { SharedFile } from '../../src/kernel/shared-file.js';

export interface ListenerDeps {
  core: Core;
  command: string;
  memory: SlackMemory;
  delivery: ReplyDelivery;
  /** membership of SLACK_COORDINATOR_GROUP; undefined when none is configured */
  isGroupCoordinator(userId: string): Promise<boolean | undefined>;
  clock: Clock;
  logger: Logger;
  /** when answers run (after the acks of a burst); the receiver tells it when a request arrives */
  turns: AnswerTurns;
  /** files shared for the library (file-intake.ts) */
  files?: SlackFiles;
}

/** The fields of a message event this adapter reads (Bolt's union of message subtypes is wider). */
interface MessageLike {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  files?: SlackFile[];
}

/**
 * The same listeners for Socket Mode and HTTP: the slash command, mentions, direct messages, follow-ups
 * in the bot's threads, and the "Share in channel" button. Each acknowledges first (Bolt acks events
 * itself; commands and buttons call ack() before any work), drops deliveries already handled, builds an
 * Incoming, asks the core and posts the Reply. No business rule lives here.
 */
export function registerListeners(app: App, deps: ListenerDeps): { idle(): Promise<void> } {
  const { core, memory, delivery, logger } = deps;
  const log = logger.child({ module: 'slack' });
  const inFlight = new Set<Promise<void>>();
  /** The core's answer, computed in a turn of its own (see answerTurns) so acks never queue behind answers. */
  const answer = (incoming: Incoming) => deps.turns.run(() => core.handle(incoming));

  const incoming = async (fields: { channel: string; user: string; text: string; thread?: string; isDirect: boolean; prefix?: string; files?: SharedFile[] }): Promise<Incoming> => ({
    platform: 'slack',
    channel: ChannelRef.slack(fields.channel),
    thread: fields.thread,
    user: UserRef.format('slack', fields.user),
    text: fields.text,
    isDirect: fields.isDirect,
    prefix: fields.prefix,
    platformCoordinator: await deps.isGroupCoordinator(fields.user),
    ...(fields.files ? { files: fields.files } : {}),
  });

  const timed = (kind: string, channel: string, work: () => Promise<void>): Promise<void> => {
    const started = deps.clock.now().getTime();
    const job = work().then(
      () => log.info({ kind, channel, ms: deps.clock.now().getTime() - started }, 'answered'),
      (err) => log.error({ kind, channel, code: errorCode(err) }, 'could not answer on Slack'),
    );
    // stop() waits for answers under way, so none is cut off by the database closing.
    inFlight.add(job);
    return job.finally(() => inFlight.delete(job));
  };

  app.command(deps.command, async ({ command, ack, respond, context }) => {
    deps.turns.arrived();
    await ack();
    const keys = [`trigger:${command.trigger_id}`];
    if (typeof context.envelopeId === 'string') keys.push(`envelope:${context.envelopeId}`);
    if (!(await memory.firstDelivery(keys))) return log.info({ kind: 'command', retryNum: context.retryNum }, 'repeated delivery ignored');
    await timed('command', command.channel_id, async () => {
      const reply = await answer(
        await incoming({
          channel: command.channel_id,
          user: command.user_id,
          text: slackToPlain(command.text ?? ''),
          isDirect: command.channel_id.startsWith('D') || command.channel_name === 'directmessage',
          prefix: `${deps.command} `,
        }),
      );
      await delivery.toCommand({ channel: command.channel_id, user: command.user_id, respond, reply });
      memory.answered(keys);
    });
  });

  /** A mention, a DM or a follow-up in one of the bot's threads: answered in the thread under it. */
  const answerInThread = async (kind: string, m: MessageLike, eventId: unknown, context: { botUserId?: string; envelopeId?: unknown }, files?: FileRequest) => {
    deps.turns.arrived();
    const keys = [`msg:${m.channel}:${m.ts}`];
    if (typeof eventId === 'string') keys.push(`event:${eventId}`);
    if (typeof context.envelopeId === 'string') keys.push(`envelope:${context.envelopeId}`);
    if (!(await memory.firstDelivery(keys))) return log.info({ kind, channel: m.channel }, 'repeated delivery ignored');
    const root = m.thread_ts ?? m.ts;
    await timed(kind, m.channel, async () => {
      const isDirect = m.channel_type === 'im';
      const shared = files && (await files());
      if (files && !shared) return; // an `add` in people's own thread, with no file to take: not for the bot
      const reply = await answer(await incoming({ channel: m.channel, user: m.user!, text: slackToPlain(m.text ?? '', context.botUserId), thread: root, isDirect, files: shared }));
      await delivery.inThread(m.channel, root, reply, { isDirect, user: m.user! });
      memory.answered(keys);
      // A thread the bot's answer started is the bot's: follow-ups there need no mention. A mention inside
      // people's own thread does not make every later message of theirs a question to the bot.
      if (!m.thread_ts) memory.rememberThread(m.channel, root);
    });
  };

  app.event('app_mention', async ({ event, body, context }) => {
    const m = event as unknown as MessageLike;
    if (m.bot_id || !isSlackUserId(m.user) || m.user === context.botUserId) return;
    const files = deps.files?.request(m, slackToPlain(m.text ?? '', context.botUserId), true);
    await answerInThread(files ? 'mention-file' : 'mention', m, (body as { event_id?: unknown }).event_id, context, files);
  });

  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as MessageLike;
    // Edits, joins, deletions and every bot's messages (ours included) are not questions; answering bots
    // is how loops start.
    if ((m.subtype && m.subtype !== 'thread_broadcast' && m.subtype !== 'file_share') || m.bot_id) return;
    if (!isSlackUserId(m.user) || m.user === context.botUserId) return;
    const direct = m.channel_type === 'im';
    const followUp = !!m.thread_ts && m.thread_ts !== m.ts && memory.isBotThread(m.channel, m.thread_ts);
    // a file with a mention, in a DM, or a reply `add` in a file's thread (file-intake.ts says which)
    const mentioned = !!context.botUserId && (m.text ?? '').includes(`<@${context.botUserId}>`);
    const files = deps.files?.request(m, slackToPlain(m.text ?? '', context.botUserId), direct || mentioned);
    if (!direct && !followUp && !files) return;
    await answerInThread(files ? 'file' : direct ? 'direct' : 'follow-up', m, (body as { event_id?: unknown }).event_id, context, files);
  });

  // A file sent to the bot in a direct message, told apart from its message event by that message's ts.
  app.event('file_shared', async ({ event, body, context }) => {
    const e = event as unknown as { file_id?: string; user_id?: string; channel_id?: string };
    if (!deps.files || !e.file_id || !e.channel_id?.startsWith('D') || !isSlackUserId(e.user_id) || e.user_id === context.botUserId) return;
    const found = await deps.files.sharedInDirect(e.file_id, e.channel_id);
    if (!found) return;
    const m: MessageLike = { type: 'message', user: e.user_id, text: '', ts: found.ts, channel: e.channel_id, channel_type: 'im' };
    await answerInThread('file', m, (body as { event_id?: unknown }).event_id, context, () => Promise.resolve([found.file]));
  });

  app.action(SHARE_ACTION_ID, async ({ ack, body, action, respond }) => {
    await ack();
    const id = (action as { value?: string }).value ?? '';
    const channel = (body as { channel?: { id?: string } }).channel?.id;
    await timed('share', channel ?? 'unknown', () => delivery.share({ id, channel, user: body.user.id, respond }));
  });

  app.error(async (err) => {
    log.error({ code: errorCode(err) }, 'Slack listener failed');
  });

  return { idle: () => memory.idle().then(() => Promise.all([...inFlight])).then(() => undefined) };
}

export type { webApi };
