import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { UserError } from '../../src/kernel/errors.js';
import type { SharedFile } from '../../src/kernel/shared-file.js';
import { errorCode } from './coordinator-group.js';

/** The fields of a Slack file object this adapter reads (messages carry it; files.info gives it whole). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  size?: number;
  mode?: string;
  /** `check_file_info`: the message carries only the id; files.info has the rest */
  file_access?: string;
  url_private?: string;
  url_private_download?: string;
  shares?: { public?: Record<string, Array<{ ts: string }>>; private?: Record<string, Array<{ ts: string }>> };
}

/**
 * What a message asks of the library: its own files, or (a reply `add`) the files of its thread's first message.
 * Undefined when it turns out not to be for the bot (an `add` without a mention in a thread that has no file).
 */
export type FileRequest = () => Promise<SharedFile[] | undefined>;

/**
 * Finding and fetching the files people share in Slack, for the core's file intake (src/core/file-intake.ts):
 * which messages ask for their files to be added, the file objects (files.info where a message carries only an
 * id), and the download of `url_private` with the bot token (scope files:read). It decides nothing else.
 */
export function slackFiles(client: webApi.WebClient, options: { botToken: string; apiUrl?: string; logger: Logger }) {
  const log = options.logger;
  // The bot token goes only to Slack's own hosts (and the configured API's host: a local fake in tests).
  const apiHost = options.apiUrl ? new URL(options.apiUrl).host : undefined;
  // stop() cuts downloads under way, so a slow one cannot hold the adapter's stop up
  let stopping = new AbortController();
  const mayCarryToken = (url: URL) => (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) || url.host === apiHost;

  async function complete(f: SlackFile): Promise<SlackFile> {
    if (f.url_private && f.size !== undefined && f.file_access !== 'check_file_info') return f;
    const r = (await client.files.info({ file: f.id })) as { file?: SlackFile };
    return r.file ?? f;
  }

  function toShared(f: SlackFile): SharedFile {
    const name = (f.name || f.title || f.id).replace(/[/\\]/g, '_');
    return { name, size: f.size, open: (signal) => download(name, f.url_private_download ?? f.url_private, signal) };
  }

  async function download(name: string, where: string | undefined, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const url = where ? new URL(where) : undefined;
    if (!url || !mayCarryToken(url)) throw new UserError('slack-file-unavailable', `Slack gave me no way to download ${name}.`, 'Share the file itself (not a link to it) again.');
    const res = await fetch(url, { headers: { authorization: `Bearer ${options.botToken}` }, signal: AbortSignal.any([signal, stopping.signal]) });
    if (!res.ok || !res.body) throw Object.assign(new Error(`HTTP ${res.status}`), { code: `http-${res.status}` });
    // Without files:read (or with a bad token) Slack answers with its sign-in page instead of the file.
    if (/text\/html/i.test(res.headers.get('content-type') ?? '') && !/\.html?$/i.test(name)) {
      await res.body.cancel().catch(() => undefined);
      throw new UserError('slack-file-refused', `Slack did not hand over ${name}.`, 'The app needs the files:read scope: an operator updates it from slack/manifest.yml and reinstalls it.');
    }
    return res.body as unknown as AsyncIterable<Uint8Array>;
  }

  /** A message's files, completed where Slack left them out; a file that cannot be looked up still gets its sentence. */
  async function ofMessage(files: SlackFile[]): Promise<SharedFile[]> {
    const usable = files.filter((f) => f && typeof f.id === 'string' && f.mode !== 'tombstone' && f.mode !== 'external');
    const out: SharedFile[] = [];
    for (const f of usable) {
      try {
        out.push(toShared(await complete(f)));
      } catch (err) {
        log.warn({ code: errorCode(err) }, 'files.info failed');
        out.push({ ...toShared(f), open: () => Promise.reject(new Error('files.info failed')) });
      }
    }
    return out;
  }

  /**
   * The files of a thread's first message (where a reply `add` points). A thread without files, for an `add`
   * that did not mention the bot, is people talking among themselves: undefined, and the bot stays out of it.
   */
  async function ofThreadRoot(channel: string, threadTs: string, addressed: boolean): Promise<SharedFile[] | undefined> {
    let files: SlackFile[] = [];
    try {
      const r = (await client.conversations.replies({ channel, ts: threadTs, limit: 1, inclusive: true })) as { messages?: Array<{ ts?: string; files?: SlackFile[] }> };
      files = r.messages?.find((m) => m.ts === threadTs)?.files ?? [];
    } catch (err) {
      log.warn({ code: errorCode(err) }, 'could not read the thread’s first message');
    }
    if (!files.length) return addressed ? [] : undefined;
    return ofMessage(files);
  }

  return {
    /** cuts the downloads under way (the adapter is stopping) */
    stop(): void {
      stopping.abort();
      stopping = new AbortController();
    },

    /**
     * Whether a message asks for files to be added, and which: its own files when it is a direct message or
     * mentions the bot; its thread's first message's files when it says just `add` in a thread (mention or not);
     * none (the core then says there is nothing to add) for a bare `add` elsewhere. Undefined: not a file request.
     */
    request(m: { channel: string; ts: string; thread_ts?: string; files?: SlackFile[] }, plainText: string, addressed: boolean): FileRequest | undefined {
      const saysAdd = /^add$/i.test(plainText.trim());
      if (m.files?.length && addressed) return () => ofMessage(m.files!);
      if (saysAdd && m.thread_ts && m.thread_ts !== m.ts) return () => ofThreadRoot(m.channel, m.thread_ts!, addressed);
      if (saysAdd && addressed) return () => Promise.resolve([]);
      return undefined;
    },

    /**
     * `file_shared` in a direct message (in a channel it cannot tell a mention): the file, and the message it came
     * in, so the answer goes under it and the message event for the same file counts as a repeat.
     */
    async sharedInDirect(fileId: string, channel: string): Promise<{ ts: string; file: SharedFile } | undefined> {
      try {
        const r = (await client.files.info({ file: fileId })) as { file?: SlackFile };
        const ts = r.file?.shares?.private?.[channel]?.[0]?.ts;
        if (!r.file || !ts) return undefined;
        return { ts, file: toShared(r.file) };
      } catch (err) {
        log.warn({ code: errorCode(err) }, 'files.info failed');
        return undefined;
      }
    },
  };
}
export type SlackFiles = ReturnType<typeof slackFiles>;
