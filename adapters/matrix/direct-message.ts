import { Preset, Visibility } from 'matrix-js-sdk';
import { inboxKeys, type MatrixContext } from './context.js';

/**
 * The bot's direct-message room with a user, for replies only they may see (a page link): the one remembered in
 * the key-value store while both are still in it, else a new one (is_direct, trusted_private_chat, the user invited;
 * encrypted when the bot has its crypto), noted
 * in the bot's m.direct account data. That write is not awaited: the SDK's promise waits for the change to come
 * back in a sync, and the key-value store already holds the room.
 */
export async function directRoomWith(ctx: Pick<MatrixContext, 'client' | 'kv' | 'log' | 'now'> & { config?: Pick<MatrixContext['config'], 'cryptoStore'> }, userId: string): Promise<string> {
  const c = ctx.client();
  if (!c) throw new Error('not connected');
  const known = ctx.kv.get(inboxKeys.dmWith(userId));
  const room = known ? c.getRoom(known) : null;
  if (known && room?.getMyMembership() === 'join' && ['join', 'invite'].includes(room.getMember(userId)?.membership ?? '')) return known;
  // With its crypto, the bot's direct messages are encrypted, as Element makes them.
  const encrypted = ctx.config?.cryptoStore ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] : undefined;
  const { room_id: roomId } = await c.createRoom({ is_direct: true, invite: [userId], preset: Preset.TrustedPrivateChat, visibility: Visibility.Private, initial_state: encrypted });
  ctx.kv.set(inboxKeys.dmWith(userId), roomId, ctx.now());
  ctx.kv.set(inboxKeys.direct(roomId), '1', ctx.now());
  const direct = { ...((c.getAccountData('m.direct' as never)?.getContent() as Record<string, string[]> | undefined) ?? {}) };
  direct[userId] = [...new Set([...(direct[userId] ?? []), roomId])];
  void c.setAccountData('m.direct' as never, direct as never).catch((err) => ctx.log.info({ errcode: (err as { errcode?: string }).errcode }, 'could not note the direct message in m.direct'));
  return roomId;
}
