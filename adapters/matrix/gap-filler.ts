import { Direction, EventTimeline, MatrixEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import type { Logger } from 'pino';

/**
 * Fills the holes a busy room leaves in the timeline. A sync hands out at most the filter's timeline limit per
 * room; when more happened since the last one, it says `limited: true` and the SDK starts the room's live
 * timeline afresh, with a token to page back from. The events in between were never seen. The same happens at
 * start: the first sync shows each room's last few events only.
 *
 * The filler pages back with /messages from that token to the last event the bot saw in the room (after a
 * restart: to the first event that is history for the timing rules), at most `maxPages` pages, and hands what
 * it found to the command path oldest first. The command path claims each event id before answering, so an
 * event seen twice is still answered once.
 */
export interface GapFillerOptions {
  client: () => MatrixClient | undefined;
  log: Logger;
  /** is an event sent at `ts` in this room history (never answered)? Paging stops at the first one */
  isHistory: (room: Room, ts: number) => boolean;
  /** the command path, for one event found in a gap */
  take: (event: MatrixEvent, room: Room) => void;
  /** keeps the work running until the adapter stops */
  track: (p: Promise<unknown>) => void;
  /** events per /messages page (default 100) */
  pageSize?: number;
  /** the bound: at most this many pages per gap (default 5) */
  maxPages?: number;
}

export interface GapFiller {
  /** a live event of the room, in timeline order: the point the next gap is filled back to */
  saw(roomId: string, eventId: string | undefined): void;
  /** the SDK reset the room's live timeline: a gappy sync */
  timelineReset(room: Room): void;
  /** after the first sync: fill in front of a room's first events when even the oldest of them may need an answer */
  firstSync(rooms: Room[]): void;
}

export function createGapFiller(options: GapFillerOptions): GapFiller {
  const { log } = options;
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 5;
  const lastSeen = new Map<string, string>();
  /** one fill at a time per room, in the order the gaps appeared */
  const chains = new Map<string, Promise<void>>();

  function fill(room: Room, from: string | null, stopAt: string | undefined) {
    if (!from) return;
    const previous = chains.get(room.roomId) ?? Promise.resolve();
    const job = previous.then(() => page(room, from, stopAt));
    chains.set(room.roomId, job);
    void job.finally(() => {
      if (chains.get(room.roomId) === job) chains.delete(room.roomId);
    });
    options.track(job);
  }

  async function page(room: Room, from: string, stopAt: string | undefined) {
    const found: MatrixEvent[] = [];
    let token: string | undefined = from;
    let pages = 0;
    let complete = false;
    while (token && pages < maxPages) {
      const client = options.client();
      if (!client) return;
      const res = await client.createMessagesRequest(room.roomId, token, pageSize, Direction.Backward);
      pages++;
      for (const raw of res.chunk) {
        const event = new MatrixEvent(raw);
        if (raw.event_id === stopAt || options.isHistory(room, event.getTs())) {
          complete = true;
          break;
        }
        found.push(event);
      }
      if (complete || !res.end || !res.chunk.length) {
        complete = true;
        break;
      }
      token = res.end;
    }
    if (!complete) log.warn({ room: room.roomId, pages, events: found.length }, 'a gap in the room is larger than the back-fill bound: older commands in it were not seen');
    log.info({ room: room.roomId, pages, events: found.length }, 'filled a gap in the room timeline');
    for (const event of found.reverse()) options.take(event, room);
  }

  return {
    saw(roomId, eventId) {
      if (eventId) lastSeen.set(roomId, eventId);
    },
    timelineReset(room) {
      const token = room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS);
      fill(room, token, lastSeen.get(room.roomId));
    },
    firstSync(rooms) {
      for (const room of rooms) {
        if (room.getMyMembership() !== 'join') continue;
        const timeline = room.getLiveTimeline();
        const oldest = timeline.getEvents()[0];
        if (!oldest || oldest.getType() === 'm.room.create' || options.isHistory(room, oldest.getTs())) continue;
        fill(room, timeline.getPaginationToken(EventTimeline.BACKWARDS), undefined);
      }
    },
  };
}
