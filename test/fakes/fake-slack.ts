import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeSlackFiles } from './fake-slack-files.js';

/**
 * A local fake Slack, speaking the wire protocol the real SDKs use:
 * - the Web API at `${apiUrl}<method>` (form-encoded POSTs, JSON answers), recording every call;
 * - response_url endpoints at `/respond/<id>`;
 * - Socket Mode: `apps.connections.open` returns a ws://127.0.0.1 URL; the socket sends `hello`, then the
 *   envelopes a test pushes, and records the acks by envelope_id.
 * Failure on demand: a 429 with Retry-After, an HTTP error, a Slack `ok:false` error, an expired response_url.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  authorization?: string;
}
export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: any[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
  user: string;
}
export interface Ack {
  envelope_id: string;
  payload: any;
}

/** Anything the bot showed someone, however it went out. */
export interface Delivery {
  via: 'response_url' | 'chat.postMessage' | 'chat.postEphemeral';
  channel?: string;
  user?: string;
  thread_ts?: string;
  response_type?: string;
  text?: string;
  blocks?: any[];
}

/** A file the bot uploaded: its bytes once sent to the upload URL, where it was shared once completed. */
export interface UploadedFile {
  id: string;
  filename: string;
  length: number;
  content?: string;
  title?: string;
  channel_id?: string;
  thread_ts?: string;
  completed: boolean;
}

export const FAKE_BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'T0FAKE01' };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ id: string; body: any }> = [];
  readonly acks: Ack[] = [];
  /** every message shown to someone, in the order it arrived */
  readonly deliveries: Delivery[] = [];
  /** channel id → messages, oldest first */
  readonly history = new Map<string, PostedMessage[]>();
  readonly usergroups = new Map<string, string[]>();
  /** files uploaded through files.uploadV2 (getUploadURLExternal, the upload URL, completeUploadExternal), by id */
  readonly uploads = new Map<string, UploadedFile>();
  private readonly events = new EventEmitter();
  private readonly failures = new Map<string, Array<{ status?: number; retryAfter?: number; error?: string } | undefined>>();
  private expiredResponseUrls = false;
  private server!: Server;
  private wss!: WebSocketServer;
  private socket: WebSocket | undefined;
  /** every Socket Mode connection open now, oldest first (replicas each hold one; Slack spreads envelopes across them) */
  private readonly connections: WebSocket[] = [];
  private seq = 0;
  private envelopes = 0;
  port = 0;
  /** the bot token the fake's file downloads accept */
  botToken = 'xoxb-test-token';
  /** files people shared: file objects, files.info, downloads of url_private (fake-slack-files.ts) */
  readonly files = new FakeSlackFiles(() => this.url, () => this.botToken, () => this.changed());

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.listen();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** what SLACK_API_URL is set to */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }
  /** a fresh response_url for a slash command or button payload */
  responseUrl(): string {
    return `${this.url}/respond/${++this.seq}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the n-th call (1-based) to `method` matching `where`, as soon as it has arrived. */
  waitForCall(method: string, where: (c: RecordedCall) => boolean = () => true, n = 1): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.filter((c) => c.method === method && where(c))[n - 1]);
  }
  /** Resolves with the n-th message shown to someone (1-based), by whatever route. */
  waitForDelivery(where: (d: Delivery) => boolean = () => true, n = 1): Promise<Delivery> {
    return this.waitFor(() => this.deliveries.filter(where)[n - 1]);
  }
  waitForResponse(where: (r: { id: string; body: any }) => boolean = () => true, n = 1): Promise<{ id: string; body: any }> {
    return this.waitFor(() => this.responses.filter(where)[n - 1]);
  }

  /**
   * The next `times` calls to `method` (after letting `after` calls through) fail: with HTTP 429 and
   * Retry-After, another status, or a Slack error (ok:false).
   */
  failNext(method: string, failure: { status?: number; retryAfter?: number; error?: string }, times = 1, after = 0): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < after; i++) list.push(undefined);
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.failNext(method, { status: 429, retryAfter: retryAfterSeconds });
  }
  /** response_url answers 404 from now on (used up, or older than 30 minutes) */
  expireResponseUrls(): void {
    this.expiredResponseUrls = true;
  }

  /** how many Socket Mode connections are open */
  get socketCount(): number {
    return this.connections.length;
  }

  /** Resolves once a Socket Mode client has connected and been sent `hello`. */
  socketReady(): Promise<void> {
    return this.waitFor(() => (this.socket ? true : undefined)).then(() => undefined);
  }

  /**
   * Sends a Socket Mode envelope and resolves with the client's ack (matched by envelope_id). Pass the same
   * `envelopeId` again to re-deliver an envelope, as Slack sometimes does.
   */
  async sendEnvelope(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: unknown,
    /** `connection`: which open connection gets it (by index, wrapping), else the newest */
    options: { envelopeId?: string; retryAttempt?: number; connection?: number } = {},
  ): Promise<Ack> {
    const envelopeId = options.envelopeId ?? `env-${++this.envelopes}`;
    const socket = options.connection !== undefined && this.connections.length ? this.connections[options.connection % this.connections.length] : this.socket;
    if (!socket) throw new Error('no Socket Mode client is connected');
    const before = this.acks.filter((a) => a.envelope_id === envelopeId).length;
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' } : {}),
      }),
    );
    return this.waitFor(() => this.acks.filter((a) => a.envelope_id === envelopeId)[before]);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- internals ---

  private waitFor<T>(probe: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        this.events.off('change', check);
        resolve(found);
        return true;
      };
      if (!check()) this.events.on('change', check);
    });
  }
  private changed(): void {
    this.events.emit('change');
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      if (this.files.serve(req, res)) return;
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
          this.changed();
        },
        (err) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      this.connections.push(ws);
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as Ack;
        if (msg.envelope_id) {
          this.acks.push({ envelope_id: msg.envelope_id, payload: msg.payload });
          this.changed();
        }
      });
      ws.on('close', () => {
        if (this.connections.includes(ws)) this.connections.splice(this.connections.indexOf(ws), 1);
        if (this.socket === ws) this.socket = undefined;
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'AFAKE' } }));
      this.changed();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const raw = await new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (d) => (s += String(d)));
      req.on('end', () => resolve(s));
    });
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path.startsWith('/respond/')) {
      const id = path.slice('/respond/'.length);
      if (this.expiredResponseUrls) return { status: 404, body: 'expired_url' };
      const body = JSON.parse(raw || '{}');
      this.responses.push({ id, body });
      this.deliveries.push({ via: 'response_url', response_type: body.response_type, text: body.text, blocks: body.blocks });
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };
    }
    if (path.startsWith('/upload/')) {
      // files.uploadV2's step 2: the file's bytes POSTed to the URL getUploadURLExternal gave
      const file = this.uploads.get(path.slice('/upload/'.length));
      if (!file || file.completed) return { status: 404, body: 'no such upload' };
      file.content = multipartFile(raw, String(req.headers['content-type'] ?? '')) ?? raw;
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: `OK - ${Buffer.byteLength(raw)}` };
    }
    if (!path.startsWith('/api/')) return { status: 404, body: 'not found' };
    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const failure = this.failures.get(method)?.shift();
    this.calls.push({ method, args, authorization: req.headers.authorization });
    if (failure?.status === 429) return { status: 429, headers: { 'retry-after': String(failure.retryAfter ?? 1) }, body: { ok: false, error: 'ratelimited' } };
    if (failure?.status) return { status: failure.status, body: 'upstream error' };
    if (failure?.error) return { status: 200, body: { ok: false, error: failure.error } };
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      this.deliveries.push({ via: method, channel: args.channel, user: args.user, thread_ts: args.thread_ts, text: args.text, blocks: args.blocks });
    }
    return { status: 200, body: this.answer(method, args) };
  }

  private answer(method: string, args: Record<string, any>): unknown {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.invalid/', team: 'Fake', user: 'pledgewatch', team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link?ticket=${++this.seq}` };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const message: PostedMessage = {
          channel: args.channel,
          ts,
          text: args.text,
          blocks: args.blocks,
          thread_ts: args.thread_ts,
          metadata: args.metadata,
          bot_id: FAKE_BOT.botId,
          user: FAKE_BOT.userId,
        };
        const list = this.history.get(args.channel) ?? [];
        list.push(message);
        this.history.set(args.channel, list);
        return { ok: true, channel: args.channel, ts, message: { ...message, type: 'message' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'conversations.history': {
        const all = [...(this.history.get(args.channel) ?? [])].reverse();
        const start = Number(args.cursor ?? 0);
        const limit = Number(args.limit ?? 100);
        const page = all.slice(start, start + limit).map((m) => {
          const { metadata, ...rest } = m;
          return { type: 'message', ...rest, ...(String(args.include_all_metadata) === 'true' && metadata ? { metadata } : {}) };
        });
        const next = start + limit < all.length ? String(start + limit) : '';
        return { ok: true, messages: page, has_more: !!next, response_metadata: { next_cursor: next } };
      }
      case 'files.getUploadURLExternal': {
        if (!args.filename || !(Number(args.length) > 0)) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(++this.seq).padStart(8, '0')}`;
        this.uploads.set(id, { id, filename: String(args.filename), length: Number(args.length), completed: false });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        const found = files.map((f) => this.uploads.get(f.id));
        if (!files.length || found.some((f) => !f || f.content === undefined)) return { ok: false, error: 'file_not_found' };
        for (const [i, f] of found.entries()) Object.assign(f!, { completed: true, title: files[i]!.title, channel_id: args.channel_id, thread_ts: args.thread_ts });
        return { ok: true, files: found.map((f) => ({ id: f!.id, name: f!.filename, title: f!.title })) };
      }
      case 'usergroups.users.list':
        return this.usergroups.has(args.usergroup) ? { ok: true, users: this.usergroups.get(args.usergroup) } : { ok: false, error: 'no_such_subteam' };
      default:
        return this.files.answer(method, args) ?? { ok: false, error: 'unknown_method' };
    }
  }

  private nextTs(): string {
    return `1700000000.${String(++this.seq).padStart(6, '0')}`;
  }
}

function parseArgs(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  return out;
}

/** The file in a multipart/form-data body (the WebClient uploads that way), or undefined for a bare body. */
function multipartFile(raw: string, contentType: string): string | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return undefined;
  const parts = raw.split(`--${boundary[1] ?? boundary[2]}`).slice(1, -1);
  const part = parts.find((p) => /filename=/.test(p.slice(0, p.indexOf('\r\n\r\n')))) ?? parts[0];
  if (!part) return undefined;
  return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
