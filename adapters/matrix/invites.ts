import type { Room } from 'matrix-js-sdk';
import { inboxKeys, type MatrixContext } from './context.js';
import { mayInvite } from './permissions.js';

/**
 * Invite handling (what matrix-bot-sdk calls its auto-join mixin, with a rule): the bot joins a room when the
 * invite comes from someone who may invite it (permissions.ts) and leaves every other one. Each invite is
 * answered once: a replayed sync (Synapse's cached first sync after a quick restart) shows old invites as new,
 * so the server, not the replay, says whether the bot is already in the room.
 */
export function createInvites(ctx: MatrixContext) {
  const { config, inbox, log, me, now } = ctx;
  const inFlight = new Set<string>();

  function consider(room: Room) {
    const c = ctx.client();
    if (!c || room.getMyMembership() !== 'invite' || inFlight.has(room.roomId)) return;
    const inviteEvent = room.currentState.getStateEvents('m.room.member', me);
    const inviter = room.getDMInviter() ?? inviteEvent?.getSender();
    const allowed = mayInvite(inviter, config);
    const isDirect = inviteEvent?.getContent().is_direct === true;
    inFlight.add(room.roomId);
    const job = (async () => {
      const inviteId = inviteEvent?.getId();
      if (inviteId && inbox.get(inboxKeys.invite(inviteId))) return;
      const { joined_rooms: joined } = await c.getJoinedRooms();
      if (joined.includes(room.roomId)) {
        log.debug({ room: room.roomId }, 'invite seen again for a room the bot is already in');
      } else if (allowed) {
        // Everything the room said before this moment is history, even when the next sync hands it over as live.
        inbox.set(inboxKeys.joinedAt(room.roomId), String(now()), now());
        if (isDirect) inbox.set(inboxKeys.direct(room.roomId), '1', now());
        await c.joinRoom(room.roomId);
        log.info({ room: room.roomId }, 'joined a room on an allowed invite');
      } else {
        await c.leave(room.roomId);
        log.info({ room: room.roomId }, 'declined an invite from someone neither in MATRIX_ALLOWED_INVITERS nor a coordinator');
      }
      if (inviteId) inbox.set(inboxKeys.invite(inviteId), allowed ? 'joined' : 'declined', now());
    })()
      .catch((err) => log.warn({ room: room.roomId, errcode: (err as { errcode?: string }).errcode, allowed }, 'could not answer an invite'))
      .finally(() => inFlight.delete(room.roomId));
    ctx.track(job);
  }

  return { consider };
}
