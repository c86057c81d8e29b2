import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The fake Slack's files (fake-slack.ts holds one): file objects as messages and `files.info` carry them, and
 * their `url_private` served at `/files-pri/<team>-<id>/<name>` only to the bot token (anything else gets
 * Slack's sign-in page as HTML, as the real one does without files:read). Knobs for the traps: a declared size
 * smaller than the bytes sent, a download that stalls after its first bytes, a message that carries only the
 * file's id (`file_access: check_file_info`).
 */

export interface FakeFileOptions {
  name: string;
  bytes: Uint8Array;
  /** who shared it */
  user: string;
  /** the channel and message it was shared in (files.info's `shares`) */
  channel?: string;
  ts?: string;
  mimetype?: string;
  /** the size the file object declares (default: the true one) */
  declaredSize?: number;
  /** send the first 16 KiB, then nothing more (the connection stays open) */
  stall?: boolean;
  /** the message carries only { id, file_access: 'check_file_info' } */
  idOnly?: boolean;
}

export interface Download {
  id: string;
  authorization?: string;
  /** true when the bot token came with it and the file was served */
  served: boolean;
}

interface Stored extends FakeFileOptions {
  id: string;
}

export class FakeSlackFiles {
  readonly downloads: Download[] = [];
  private readonly files = new Map<string, Stored>();
  /** messages people posted (a file's message), by `${channel}:${ts}`: what conversations.replies finds */
  private readonly messages = new Map<string, Record<string, unknown>>();
  private seq = 0;
  private readonly events = new EventEmitter();

  constructor(
    private readonly baseUrl: () => string,
    private readonly botToken: () => string,
    private readonly changed: () => void,
  ) {}

  /** Stores a file; returns the file object as a message event carries it. */
  add(options: FakeFileOptions): Record<string, unknown> {
    const id = `F${String(++this.seq).padStart(8, '0')}`;
    this.files.set(id, { ...options, id });
    return options.idOnly ? { id, file_access: 'check_file_info' } : this.object(id);
  }

  /** Records the message the file was shared in (for files.info's `shares`). */
  sharedIn(fileObject: Record<string, unknown>, channel: string, ts: string): void {
    const f = this.files.get(String(fileObject.id));
    if (f) Object.assign(f, { channel, ts });
  }

  /** A person's message (one that carries files), as conversations.replies returns a thread's first message. */
  postedByUser(message: { channel: string; ts: string; user: string; text?: string; files?: Record<string, unknown>[] }): void {
    this.messages.set(`${message.channel}:${message.ts}`, { type: 'message', ...message });
    for (const f of message.files ?? []) this.sharedIn(f, message.channel, message.ts);
  }

  /** The Web API methods about files (and a thread's first message); undefined for any other method. */
  answer(method: string, args: Record<string, any>): unknown {
    if (method === 'files.info') return this.files.has(args.file) ? { ok: true, file: this.object(args.file) } : { ok: false, error: 'file_not_found' };
    if (method === 'conversations.replies') {
      const root = this.messages.get(`${args.channel}:${args.ts}`);
      return root ? { ok: true, messages: [root], has_more: false } : { ok: false, error: 'thread_not_found' };
    }
    return undefined;
  }

  /** Resolves once the n-th download request (1-based) has arrived. */
  waitForDownload(n = 1): Promise<Download> {
    return new Promise((resolve) => {
      const check = () => {
        const d = this.downloads[n - 1];
        if (d) (this.events.off('download', check), resolve(d));
      };
      this.events.on('download', check);
      check();
    });
  }

  /** Serves a download; false when the request is not for a file. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /^\/files-pri\/[^/]+-(F\d+)\/[^/]+$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || req.method !== 'GET') return false;
    const f = this.files.get(m[1]!);
    const authorization = req.headers.authorization;
    const served = !!f && authorization === `Bearer ${this.botToken()}`;
    this.downloads.push({ id: m[1]!, authorization, served });
    this.changed();
    this.events.emit('download');
    if (!served) {
      res.writeHead(f ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      return true;
    }
    res.writeHead(200, { 'content-type': f.mimetype ?? 'application/octet-stream' });
    if (f.stall) {
      res.write(Buffer.from(f.bytes.subarray(0, 16 * 1024)));
      return true; // never ends; the client gives up
    }
    res.end(Buffer.from(f.bytes));
    return true;
  }

  private object(id: string): Record<string, unknown> {
    const f = this.files.get(id)!;
    const url = `${this.baseUrl()}/files-pri/T0FAKE01-${id}/${encodeURIComponent(f.name)}`;
    return {
      id,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype ?? 'application/pdf',
      filetype: f.name.split('.').pop(),
      size: f.declaredSize ?? f.bytes.byteLength,
      user: f.user,
      mode: 'hosted',
      url_private: url,
      url_private_download: `${url}?download=1`,
      ...(f.channel && f.ts ? { shares: { [f.channel.startsWith('C') ? 'public' : 'private']: { [f.channel]: [{ ts: f.ts }] } } } : {}),
    };
  }
}
