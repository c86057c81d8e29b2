import type { Room } from 'matrix-js-sdk';
import { reply } from '../../src/kernel/reply.js';
import { hashId } from './answering.js';
import { inboxKeys, type MatrixContext } from './context.js';
import { renderMessage } from './matrix-html.js';
import type { MatrixSender } from './matrix-sender.js';

const NOTICE =
  'This room is end-to-end encrypted, and I cannot read or send encrypted messages, so I will not answer or post reminders here. Talk to me in an unencrypted room or a direct message instead.';

/**
 * End-to-end encrypted rooms: the bot has no keys, so it cannot read or post there. It says so once per room, in
 * a plain notice (the Inbox remembers it across restarts), logs it once per run, and answers nothing there; the
 * sender refuses reminders for such a room (matrix-sender.ts).
 */
export function createEncryptedRooms(ctx: MatrixContext, sender: MatrixSender) {
  const { inbox, log, now } = ctx;
  const seen = new Set<string>();

  function note(room: Room) {
    if (seen.has(room.roomId) || room.getMyMembership() !== 'join' || !room.hasEncryptionStateEvent()) return;
    seen.add(room.roomId);
    log.warn({ room: room.roomId }, 'room is end-to-end encrypted: the bot cannot read or post there');
    if (!inbox.firstDelivery(inboxKeys.e2eNotice(room.roomId), now())) return;
    const content = renderMessage(reply([{ kind: 'text', text: NOTICE }]));
    ctx.track(
      sender.sendPlainNotice(room.roomId, content, `pw-e2e-${hashId(room.roomId)}`).catch((err) => log.warn({ room: room.roomId, errcode: (err as { errcode?: string }).errcode }, 'could not post the encrypted-room notice')),
    );
  }

  return { note };
}
