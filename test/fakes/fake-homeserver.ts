import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeMedia } from './fake-media.js';

/**
 * A Matrix homeserver small enough to read, on 127.0.0.1: the client-server endpoints matrix-js-sdk calls
 * (versions, whoami, push rules, capabilities, filters, /sync with since tokens and long-poll, join, leave,
 * send with transaction-id dedupe, state, members, profile, /messages backwards), one global event stream, and knobs for the traps
 * a real server springs: 429 M_LIMIT_EXCEEDED with retry_after_ms, a token rejected with M_UNKNOWN_TOKEN, going
 * away and coming back on the same port, history that arrives late as live events, gappy (`limited`) syncs.
 */

export interface FakeEvent {
  event_id: string;
  room_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  state_key?: string;
  /** stream position */
  pos: number;
  /** set when sent through PUT /send by a token: (token, txnId) */
  txn?: { token: string; txnId: string };
}

export interface SentRecord {
  roomId: string;
  type: string;
  txnId: string;
  content: Record<string, unknown>;
  eventId: string;
  /** PUTs that returned an event already posted under the same transaction id */
  repeats: number;
}

interface FakeRoom {
  roomId: string;
  events: FakeEvent[];
}

const ROOM_VERSION = '10';

export class FakeHomeserver extends EventEmitter {
  readonly serverName = 'fake.test';
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private port = 0;
  private pos = 0;
  private counter = 0;
  private readonly rooms = new Map<string, FakeRoom>();
  private readonly tokens = new Map<string, { userId: string; deviceId: string }>();
  private readonly rejected = new Set<string>();
  private readonly filters = new Map<string, unknown>();
  private readonly txns = new Map<string, SentRecord>();
  /** account data the bot stored (m.direct), by `${userId}\u0000${type}` */
  readonly accountData = new Map<string, unknown>();
  /** rooms a client created through the API (a direct message), with the request body */
  readonly createdByClient: { roomId: string; creator: string; body: Record<string, unknown> }[] = [];
  /** events handed out again later, as Synapse's cached first sync does after a quick restart */
  private readonly redeliveries: Array<{ pos: number; event: FakeEvent }> = [];
  private rateLimited: { remaining: number; retryAfterMs: number } = { remaining: 0, retryAfterMs: 0 };
  /** the most timeline events one room gets in one sync, whatever the client's filter asks (undefined: no cap) */
  private timelineCap: number | undefined;
  /** syncs answered with `limited: true` for some room (a gap the client must fill from /messages) */
  limitedSyncs = 0;
  /** every request, as `METHOD /path` (no query, no token) */
  readonly requests: string[] = [];
  /** what clients uploaded to the media repository (POST /_matrix/media/v3/upload), by mxc URI; downloadable from `media` too */
  readonly uploads = new Map<string, { contentType: string; filename?: string; content: string; uploader: string }>();
  /** requests the fake does not implement */
  readonly unknown: string[] = [];
  /** what clients posted, one record per event (a deduplicated retry counts in `repeats`) */
  readonly sent: SentRecord[] = [];
  /** Synapse's sync_response_cache: the same sync request (token, since, filter) gets the same answer again */
  private cachedSyncs: Map<string, Record<string, unknown>> | undefined;
  /** 429s answered */
  rateLimitedCount = 0;
  syncCount = 0;
  /** the media repository: files to download, at the authenticated and the legacy path (fake-media.ts) */
  readonly media = new FakeMedia(this.serverName, (t) => this.tokens.has(t) && !this.rejected.has(t), () => this.emit('change'));

  static async start(): Promise<FakeHomeserver> {
    const hs = new FakeHomeserver();
    await hs.listen();
    return hs;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private listen(): Promise<void> {
    const server = createServer((req, res) => void this.route(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Goes away: closes the port and cuts every open connection (long-polls included). Data is kept. */
  async goAway(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Comes back on the same port with the same data. */
  async comeBack(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    this.removeAllListeners();
    await this.goAway();
  }

  // --- set-up -------------------------------------------------------------------------------------------

  addUser(userId: string, token: string): void {
    this.tokens.set(token, { userId, deviceId: `DEV${this.tokens.size + 1}` });
  }

  /** Later requests with this token get 401 M_UNKNOWN_TOKEN, as after a logout. */
  rejectToken(token: string): void {
    this.rejected.add(token);
  }

  /**
   * From now on, a sync request repeated with the same token, since and filter gets the answer it got before,
   * as Synapse answers within `sync_response_cache_duration` (2 minutes by default). A client restarting
   * quickly replays the previous run's whole chain of syncs: the stale first sync, then each later answer
   * (old invites included), as live events after PREPARED.
   */
  cacheSyncs(): void {
    this.cachedSyncs = new Map();
  }

  /**
   * From now on a sync hands out at most `n` events per room, even when the client's filter asks for more: a
   * burst larger than that arrives as a gappy sync (`limited: true`, with `prev_batch` to page back from).
   */
  capTimelineLimit(n: number): void {
    this.timelineCap = n;
  }

  /** The next `count` sends get 429 M_LIMIT_EXCEEDED with retry_after_ms in the body (no Retry-After header, like Synapse). */
  rateLimitSends(count: number, retryAfterMs: number): void {
    this.rateLimited = { remaining: count, retryAfterMs };
  }

  createRoom(options: { creator: string; members?: string[]; name?: string; encrypted?: boolean; powerLevels?: Record<string, number>; ts?: number }): string {
    const roomId = `!r${++this.counter}:${this.serverName}`;
    this.rooms.set(roomId, { roomId, events: [] });
    const ts = options.ts;
    const c = options.creator;
    this.state(roomId, c, 'm.room.create', '', { creator: c, room_version: ROOM_VERSION }, ts);
    this.state(roomId, c, 'm.room.member', c, { membership: 'join', displayname: localpart(c) }, ts);
    this.state(roomId, c, 'm.room.power_levels', '', { users: { [c]: 100, ...(options.powerLevels ?? {}) }, users_default: 0, events_default: 0, state_default: 50, invite: 0, kick: 50, ban: 50, redact: 50, notifications: { room: 50 } }, ts);
    this.state(roomId, c, 'm.room.join_rules', '', { join_rule: 'invite' }, ts);
    if (options.name) this.state(roomId, c, 'm.room.name', '', { name: options.name }, ts);
    if (options.encrypted) this.state(roomId, c, 'm.room.encryption', '', { algorithm: 'm.megolm.v1.aes-sha2' }, ts);
    for (const m of options.members ?? []) if (m !== c) this.state(roomId, m, 'm.room.member', m, { membership: 'join', displayname: localpart(m) }, ts);
    return roomId;
  }

  invite(roomId: string, inviter: string, invitee: string, options: { isDirect?: boolean } = {}): string {
    return this.state(roomId, inviter, 'm.room.member', invitee, { membership: 'invite', ...(options.isDirect ? { is_direct: true } : {}) });
  }

  join(roomId: string, userId: string): string {
    return this.state(roomId, userId, 'm.room.member', userId, { membership: 'join', displayname: localpart(userId) });
  }

  /** A text message from a user; `ts` backdates it (history that arrives late, as a cached first sync does). */
  say(roomId: string, sender: string, body: string, extra: { ts?: number; msgtype?: string; content?: Record<string, unknown> } = {}): string {
    return this.append(roomId, sender, 'm.room.message', { msgtype: extra.msgtype ?? 'm.text', body, ...(extra.content ?? {}) }, extra.ts).event_id;
  }

  /**
   * Hands the room's last `count` events out again in the next sync, same ids and timestamps, as if new: what a
   * client gets from Synapse's cached first-sync reply after a quick restart, or when it joins a room.
   */
  redeliver(roomId: string, count = 20): void {
    const events = this.rooms.get(roomId)?.events.filter((e) => e.state_key === undefined).slice(-count) ?? [];
    for (const event of events) this.redeliveries.push({ pos: ++this.pos, event });
    this.emit('change');
  }

  membership(roomId: string, userId: string): string | undefined {
    return this.currentState(roomId).get(`m.room.member\u0000${userId}`)?.content.membership as string | undefined;
  }

  event(eventId: string): FakeEvent | undefined {
    for (const r of this.rooms.values()) {
      const e = r.events.find((x) => x.event_id === eventId);
      if (e) return e;
    }
    return undefined;
  }

  /** Resolves with the first send matching `pred` (already there, or when it arrives); rejects after `timeoutMs`. */
  waitForSent(pred: (s: SentRecord) => boolean, timeoutMs = 20_000): Promise<SentRecord> {
    const found = this.sent.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('sent', on);
        reject(new Error('the fake homeserver saw no such send in time'));
      }, timeoutMs);
      const on = (s: SentRecord) => {
        if (!pred(s)) return;
        clearTimeout(timer);
        this.off('sent', on);
        resolve(s);
      };
      this.on('sent', on);
    });
  }

  /** Resolves once `pred()` holds, checked now and after every change to the event stream. */
  until(pred: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('change', on);
        reject(new Error('the fake homeserver never reached that state'));
      }, timeoutMs);
      const on = () => {
        if (!pred()) return;
        clearTimeout(timer);
        this.off('change', on);
        resolve();
      };
      this.on('change', on);
    });
  }

  /** Resolves when a client has completed `n` more /sync requests (each sync after an event has delivered it). */
  waitForSyncs(n = 1, timeoutMs = 20_000): Promise<void> {
    const target = this.syncCount + n;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync in time')), timeoutMs);
      const on = () => {
        if (this.syncCount < target) return;
        clearTimeout(timer);
        this.off('synced', on);
        resolve();
      };
      this.on('synced', on);
    });
  }

  // --- the event stream -----------------------------------------------------------------------------------

  private newEventId(): string {
    return `$e${++this.counter}_${Math.random().toString(36).slice(2, 8)}`;
  }

  private append(roomId: string, sender: string, type: string, content: Record<string, unknown>, ts?: number, stateKey?: string, txn?: FakeEvent['txn']): FakeEvent {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`no room ${roomId}`);
    const e: FakeEvent = { event_id: this.newEventId(), room_id: roomId, type, sender, content, origin_server_ts: ts ?? Date.now(), pos: ++this.pos, txn };
    if (stateKey !== undefined) e.state_key = stateKey;
    room.events.push(e);
    this.emit('change');
    return e;
  }

  private state(roomId: string, sender: string, type: string, stateKey: string, content: Record<string, unknown>, ts?: number): string {
    return this.append(roomId, sender, type, content, ts, stateKey).event_id;
  }

  private currentState(roomId: string, beforePos = Infinity): Map<string, FakeEvent> {
    const s = new Map<string, FakeEvent>();
    for (const e of this.rooms.get(roomId)?.events ?? []) if (e.state_key !== undefined && e.pos < beforePos) s.set(`${e.type}\u0000${e.state_key}`, e);
    return s;
  }

  private myMemberEvent(roomId: string, userId: string): FakeEvent | undefined {
    return this.currentState(roomId).get(`m.room.member\u0000${userId}`);
  }

  private wire(e: FakeEvent, token: string): Record<string, unknown> {
    const unsigned: Record<string, unknown> = { age: Math.max(0, Date.now() - e.origin_server_ts) };
    if (e.txn && e.txn.token === token) unsigned.transaction_id = e.txn.txnId;
    const out: Record<string, unknown> = { event_id: e.event_id, type: e.type, sender: e.sender, content: e.content, origin_server_ts: e.origin_server_ts, unsigned };
    if (e.state_key !== undefined) out.state_key = e.state_key;
    return out;
  }

  private syncBody(userId: string, token: string, since: number | undefined, limit: number): { body: Record<string, unknown>; empty: boolean } {
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    const leave: Record<string, unknown> = {};
    for (const room of this.rooms.values()) {
      const mine = this.myMemberEvent(room.roomId, userId);
      const membership = mine?.content.membership;
      if (!mine) continue;
      if (membership === 'join') {
        const fresh = since === undefined || mine.pos > since;
        const again = since === undefined ? [] : this.redeliveries.filter((r) => r.pos > since && r.event.room_id === room.roomId).map((r) => r.event);
        const candidates = fresh ? room.events : [...again, ...room.events.filter((e) => e.pos > since)];
        if (!candidates.length) continue;
        const timeline = candidates.slice(-limit);
        const limited = candidates.length > timeline.length || (fresh && room.events.length > timeline.length);
        if (limited && !fresh) this.limitedSyncs++;
        const start = Math.min(...timeline.map((e) => e.pos));
        const state = fresh || limited ? [...this.currentState(room.roomId, start).values()] : [];
        join[room.roomId] = {
          timeline: { events: timeline.map((e) => this.wire(e, token)), limited, prev_batch: `p${start - 1}` },
          state: { events: state.map((e) => this.wire(e, token)) },
          ephemeral: { events: [] },
          account_data: { events: [] },
          unread_notifications: { highlight_count: 0, notification_count: 0 },
          summary: {},
        };
      } else if (membership === 'invite' && (since === undefined || mine.pos > since)) {
        const stripped = [...this.currentState(room.roomId).values()]
          .filter((e) => ['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.encryption'].includes(e.type) || e === mine || (e.type === 'm.room.member' && e.state_key === mine.sender))
          .map((e) => ({ type: e.type, state_key: e.state_key, sender: e.sender, content: e.content }));
        invite[room.roomId] = { invite_state: { events: stripped } };
      } else if ((membership === 'leave' || membership === 'ban') && since !== undefined && mine.pos > since) {
        leave[room.roomId] = { timeline: { events: [this.wire(mine, token)], limited: false }, state: { events: [] }, account_data: { events: [] } };
      }
    }
    const empty = !Object.keys(join).length && !Object.keys(invite).length && !Object.keys(leave).length;
    return {
      empty,
      body: {
        next_batch: `s${this.pos}`,
        rooms: { join, invite, leave },
        presence: { events: [] },
        account_data: { events: [] },
        to_device: { events: [] },
        device_lists: { changed: [], left: [] },
        device_one_time_keys_count: {},
      },
    };
  }

  // --- HTTP -----------------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${path}`);
    if (this.media.serve(req, res, path)) return;
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const raw = await readBody(req);
    if (method === 'POST' && path === '/_matrix/media/v3/upload') return this.upload(req, url, raw, send);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(400, { errcode: 'M_NOT_JSON', error: 'Content not JSON.' });
    }

    if (method === 'GET' && path === '/_matrix/client/versions') {
      const versions = ['r0.6.1', 'v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11'];
      return send(200, { versions: this.media.advertiseAuthenticated ? versions : versions.filter((v) => v !== 'v1.11'), unstable_features: {} });
    }
    const m = /^\/_matrix\/client\/(?:v3|r0|v1)(\/.*)$/.exec(path);
    if (!m) {
      this.unknown.push(`${method} ${path}`);
      return send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
    }
    const p = m[1]!;

    const auth = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('access_token') ?? undefined;
    if (!auth) return send(401, { errcode: 'M_MISSING_TOKEN', error: 'Missing access token.' });
    const who = this.tokens.get(auth);
    if (!who || this.rejected.has(auth)) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown access token.', soft_logout: false });
    const { userId } = who;

    let r: RegExpExecArray | null;
    if (method === 'GET' && p === '/account/whoami') return send(200, { user_id: userId, device_id: who.deviceId });
    if (method === 'GET' && p === '/pushrules/') return send(200, { global: { override: [], underride: [], content: [], room: [], sender: [] } });
    if (method === 'GET' && p === '/capabilities') {
      return send(200, { capabilities: { 'm.change_password': { enabled: false }, 'm.room_versions': { default: ROOM_VERSION, available: { [ROOM_VERSION]: 'stable' } } } });
    }
    if (method === 'GET' && p === '/voip/turnServer') return send(200, {});
    if (method === 'GET' && p === '/joined_rooms') return send(200, { joined_rooms: [...this.rooms.keys()].filter((r) => this.membership(r, userId) === 'join') });
    if ((r = /^\/user\/([^/]+)\/filter$/.exec(p)) && method === 'POST') {
      // Like Synapse, the same filter gets the same id (which is what lets a cached first sync be found again).
      const same = [...this.filters].find(([, f]) => JSON.stringify(f) === JSON.stringify(body));
      const id = same?.[0] ?? String(this.filters.size + 1);
      this.filters.set(id, body);
      return send(200, { filter_id: id });
    }
    if ((r = /^\/user\/([^/]+)\/filter\/([^/]+)$/.exec(p)) && method === 'GET') {
      const f = this.filters.get(decodeURIComponent(r[2]!));
      return f ? send(200, f) : send(404, { errcode: 'M_NOT_FOUND', error: 'No such filter' });
    }
    if (method === 'GET' && p === '/sync') return this.sync(url, userId, auth, req, res, send);
    if ((r = /^\/(?:join|rooms)\/([^/]+)(?:\/join)?$/.exec(p)) && method === 'POST' && (p.startsWith('/join/') || p.endsWith('/join'))) {
      const roomId = decodeURIComponent(r[1]!);
      const ms = this.rooms.has(roomId) ? this.membership(roomId, userId) : undefined;
      if (ms !== 'invite' && ms !== 'join') return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not invited to this room.' });
      if (ms !== 'join') this.join(roomId, userId);
      return send(200, { room_id: roomId });
    }
    if ((r = /^\/rooms\/([^/]+)\/leave$/.exec(p)) && method === 'POST') {
      const roomId = decodeURIComponent(r[1]!);
      if (!this.rooms.has(roomId)) return send(404, { errcode: 'M_NOT_FOUND', error: 'Unknown room' });
      this.state(roomId, userId, 'm.room.member', userId, { membership: 'leave' });
      return send(200, {});
    }
    if ((r = /^\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(p)) && method === 'PUT') {
      return this.sendEvent(decodeURIComponent(r[1]!), decodeURIComponent(r[2]!), decodeURIComponent(r[3]!), body, userId, auth, send);
    }
    if ((r = /^\/rooms\/([^/]+)\/messages$/.exec(p)) && method === 'GET') {
      return this.messages(decodeURIComponent(r[1]!), url, userId, auth, send);
    }
    if ((r = /^\/rooms\/([^/]+)\/event\/([^/]+)$/.exec(p)) && method === 'GET') {
      const e = this.membership(decodeURIComponent(r[1]!), userId) === 'join' ? this.event(decodeURIComponent(r[2]!)) : undefined;
      return e ? send(200, { ...this.wire(e, auth), room_id: e.room_id }) : send(404, { errcode: 'M_NOT_FOUND', error: 'Event not found.' });
    }
    if ((r = /^\/rooms\/([^/]+)\/state$/.exec(p)) && method === 'GET') {
      const roomId = decodeURIComponent(r[1]!);
      return send(200, [...this.currentState(roomId).values()].map((e) => this.wire(e, auth)));
    }
    if ((r = /^\/rooms\/([^/]+)\/members$/.exec(p)) && method === 'GET') {
      const roomId = decodeURIComponent(r[1]!);
      return send(200, { chunk: [...this.currentState(roomId).values()].filter((e) => e.type === 'm.room.member').map((e) => this.wire(e, auth)) });
    }
    if (method === 'POST' && p === '/createRoom') {
      const roomId = this.createRoom({ creator: userId, name: typeof body.name === 'string' ? body.name : undefined });
      for (const invitee of Array.isArray(body.invite) ? (body.invite as string[]) : []) this.invite(roomId, userId, invitee, { isDirect: body.is_direct === true });
      this.createdByClient.push({ roomId, creator: userId, body });
      this.emit('change');
      return send(200, { room_id: roomId });
    }
    if ((r = /^\/user\/([^/]+)\/account_data\/([^/]+)$/.exec(p))) {
      const key = `${decodeURIComponent(r[1]!)}\u0000${decodeURIComponent(r[2]!)}`;
      if (method === 'PUT') {
        this.accountData.set(key, body);
        return send(200, {});
      }
      if (method === 'GET') return this.accountData.has(key) ? send(200, this.accountData.get(key)) : send(404, { errcode: 'M_NOT_FOUND', error: 'No account data' });
    }
    if ((r = /^\/profile\/([^/]+)$/.exec(p)) && method === 'GET') return send(200, { displayname: localpart(decodeURIComponent(r[1]!)) });
    if (/^\/rooms\/[^/]+\/(typing|receipt|read_markers)/.test(p)) return send(200, {});
    this.unknown.push(`${method} ${p}`);
    return send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  }

  /** The media repository's upload: any bytes, for a known token; answers the content's mxc:// URI. */
  private upload(req: IncomingMessage, url: URL, raw: string, send: (s: number, b: unknown) => void) {
    const auth = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('access_token') ?? undefined;
    const who = auth ? this.tokens.get(auth) : undefined;
    if (!who || this.rejected.has(auth!)) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown access token.' });
    const contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
    const uri = this.media.upload(Buffer.from(raw, 'utf8'), { contentType });
    const filename = url.searchParams.get('filename') ?? undefined;
    this.uploads.set(uri, { contentType, filename, content: raw, uploader: who.userId });
    this.emit('change');
    return send(200, { content_uri: uri });
  }

  private sendEvent(roomId: string, type: string, txnId: string, content: Record<string, unknown>, userId: string, token: string, send: (s: number, b: unknown) => void) {
    const key = `${token}\u0000${txnId}`;
    const done = this.txns.get(key);
    if (done) {
      done.repeats++;
      return send(200, { event_id: done.eventId });
    }
    if (this.rateLimited.remaining > 0) {
      this.rateLimited.remaining--;
      this.rateLimitedCount++;
      this.emit('rate-limited');
      return send(429, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: this.rateLimited.retryAfterMs });
    }
    if (!this.rooms.has(roomId) || this.membership(roomId, userId) !== 'join') return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room.' });
    const e = this.append(roomId, userId, type, content, undefined, undefined, { token, txnId });
    const record: SentRecord = { roomId, type, txnId, content, eventId: e.event_id, repeats: 0 };
    this.txns.set(key, record);
    this.sent.push(record);
    this.emit('sent', record);
    return send(200, { event_id: e.event_id });
  }

  /**
   * GET /rooms/{id}/messages, backwards only (what a client fills a gap with): from a `p<pos>` token (a sync's
   * prev_batch, or a previous page's `end`), the room's events at or before that position, newest first. Like
   * Synapse, `end` is left out when the page reaches the start of the room.
   */
  private messages(roomId: string, url: URL, userId: string, token: string, send: (s: number, b: unknown) => void) {
    if (!this.rooms.has(roomId) || this.membership(roomId, userId) !== 'join') return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room.' });
    if (url.searchParams.get('dir') !== 'b') {
      this.unknown.push(`GET /rooms/${roomId}/messages dir=${url.searchParams.get('dir')}`);
      return send(400, { errcode: 'M_INVALID_PARAM', error: 'the fake pages backwards only' });
    }
    const from = url.searchParams.get('from') ?? `p${this.pos}`;
    const before = Number(from.replace(/^[ps]/, ''));
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10) || 10, 1000);
    const older = this.rooms.get(roomId)!.events.filter((e) => e.pos <= before);
    const chunk = older.slice(-limit).reverse();
    const last = chunk.at(-1);
    const body: Record<string, unknown> = { start: from, chunk: chunk.map((e) => this.wire(e, token)) };
    if (last && older.length > chunk.length) body.end = `p${last.pos - 1}`;
    return send(200, body);
  }

  private sync(url: URL, userId: string, token: string, req: IncomingMessage, res: ServerResponse, send: (s: number, b: unknown) => void) {
    const sinceRaw = url.searchParams.get('since');
    const since = sinceRaw ? Number(sinceRaw.replace(/^s/, '')) : undefined;
    const timeout = Math.min(Number(url.searchParams.get('timeout') ?? 0), 30_000);
    // read when answering: a cap set while a long-poll waits applies to its answer
    const limit = () => this.timelineLimit(url.searchParams.get('filter'));
    const answer = () => {
      this.syncCount++;
      const { body } = this.syncBody(userId, token, since, limit());
      this.cachedSyncs?.set(cacheKey, body);
      send(200, body);
      this.emit('synced');
    };
    const cacheKey = `${token}\u0000${sinceRaw ?? ''}\u0000${url.searchParams.get('filter') ?? ''}`;
    const cached = this.cachedSyncs?.get(cacheKey);
    if (cached) {
      this.syncCount++;
      send(200, cached);
      this.emit('synced');
      return;
    }
    const first = this.syncBody(userId, token, since, limit());
    if (since === undefined || !first.empty || timeout <= 0) return answer();
    // Long-poll: answer on the next change or at the timeout, whichever comes first.
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      this.off('change', onChange);
      if (!res.destroyed) answer();
    };
    const onChange = () => setImmediate(finish);
    const timer = setTimeout(finish, timeout);
    this.on('change', onChange);
    req.on('close', () => {
      if (res.writableEnded) return;
      finished = true;
      clearTimeout(timer);
      this.off('change', onChange);
    });
  }

  private timelineLimit(filter: string | null): number {
    let f: unknown = undefined;
    if (filter?.startsWith('{')) f = JSON.parse(filter);
    else if (filter) f = this.filters.get(filter);
    const limit = (f as { room?: { timeline?: { limit?: number } } } | undefined)?.room?.timeline?.limit;
    const asked = typeof limit === 'number' && limit > 0 ? limit : 10;
    return this.timelineCap === undefined ? asked : Math.min(asked, this.timelineCap);
  }
}

const localpart = (userId: string) => userId.slice(1, userId.indexOf(':'));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', () => resolve(data));
  });
}
