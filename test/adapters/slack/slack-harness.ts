import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import type { Clock } from '../../../src/kernel/clock.js';
import type { Core } from '../../../src/core/core.js';
import type { Incoming } from '../../../src/core/incoming.js';
import type { Reply } from '../../../src/kernel/reply.js';
import { createLogger } from '../../../src/logging.js';
import { FakeSlack } from '../../fakes/fake-slack.js';
import { tempDir } from '../../fakes/temp-dir.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const COORDINATOR = 'UCOORD001';
export const MEMBER = 'UMEMBER01';

/** Slack's request signature: v0= HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

/** Every log line the app writes, parsed, with an event per line so tests wait for a line, not for time. */
export class LogCapture {
  readonly lines: Array<Record<string, any>> = [];
  readonly raw: string[] = [];
  private readonly events = new EventEmitter();
  readonly stream = new Writable({
    write: (chunk, _enc, done) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        this.raw.push(line);
        this.lines.push(JSON.parse(line));
        this.events.emit('line');
      }
      done();
    },
  });
  waitFor(where: (l: Record<string, any>) => boolean, n = 1): Promise<Record<string, any>> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.lines.filter(where)[n - 1];
        if (!found) return false;
        this.events.off('line', check);
        resolve(found);
        return true;
      };
      if (!check()) this.events.on('line', check);
    });
  }
}

export interface Harness {
  fake: FakeSlack;
  app: App;
  adapter: SlackAdapter;
  logs: LogCapture;
  /** what the core was asked, in order */
  asked: Incoming[];
  /** the HTTP receiver's base URL (HTTP mode) */
  baseUrl: string;
}

/**
 * The real app (buildApp, temp data dir) with the real Slack adapter, against a fresh fake Slack.
 * `mode` picks Socket Mode or HTTP mode through the same settings an operator uses.
 */
export async function startHarness(options: {
  mode: 'http' | 'socket';
  env?: Record<string, string>;
  clock?: Clock;
  dataDir?: string;
  fake?: FakeSlack;
  /** a canned Reply for some messages (to drive Reply fields no command produces yet); the real core otherwise */
  cannedReply?: (incoming: Incoming) => Reply | Promise<Reply> | undefined;
}): Promise<Harness> {
  const fake = options.fake ?? (await FakeSlack.start());
  const env: Record<string, string> = {
    PLEDGEWATCH_DATA_DIR: options.dataDir ?? tempDir('pw-slack-'),
    PLEDGEWATCH_COORDINATORS: `slack:${COORDINATOR}`,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.apiUrl,
    ...(options.mode === 'http' ? { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0' } : { SLACK_APP_TOKEN: 'xapp-test-token' }),
    ...options.env,
  };
  const config = loadConfig(env, process.cwd());
  const logs = new LogCapture();
  const logger = createLogger({ level: 'info', destination: logs.stream });
  const app = buildApp(config, { logger, clock: options.clock });
  const asked: Incoming[] = [];
  const core: Core = {
    registry: app.core.registry,
    handle: (incoming) => {
      asked.push(incoming);
      const canned = options.cannedReply?.(incoming);
      return canned ? Promise.resolve(canned) : app.core.handle(incoming);
    },
  };
  const adapter = createSlackAdapter({ config: config.slack!, core, inbox: app.inbox, clock: app.services.clock, logger, host: '127.0.0.1' });
  await adapter.start();
  onTestFinished(async () => {
    await adapter.stop();
    app.close();
    if (!options.fake) await fake.close();
  });
  return { fake, app, adapter, logs, asked, baseUrl: `http://127.0.0.1:${adapter.port}` };
}

let trigger = 0;
/** The form body Slack posts for a slash command. */
export function slashCommandBody(fake: FakeSlack, fields: { text: string; user?: string; channel?: string; command?: string; triggerId?: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0FAKE01',
    team_domain: 'coalition',
    channel_id: fields.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.user ?? MEMBER,
    user_name: 'someone',
    command: fields.command ?? '/pledgewatch',
    text: fields.text,
    api_app_id: 'AFAKE',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: fields.triggerId ?? `trigger.${++trigger}.${Date.now()}`,
  };
}

let eventSeq = 0;
/** The JSON body of an Events API callback around `event`. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${++eventSeq}${Date.now()}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0FAKE01',
    api_app_id: 'AFAKE',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0FAKE01', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

let tsSeq = 0;
export const nextTs = () => `1800000000.${String(++tsSeq).padStart(6, '0')}`;

/** POSTs a body to the receiver, signed like Slack signs it (or as the test says, to check refusals). */
export async function postSigned(
  baseUrl: string,
  body: Record<string, unknown> | string,
  options: { form?: boolean; timestamp?: number; secret?: string; signature?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const form = options.form ?? typeof body === 'string';
  const raw = typeof body === 'string' ? body : form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, ts, raw),
      ...options.headers,
    },
    body: raw,
  });
  return { status: res.status, text: await res.text() };
}

export const formOf = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
/** Every mrkdwn string in a list of blocks, joined: what a person would read. */
export const blockText = (blocks: any[] | undefined): string =>
  (blocks ?? [])
    .flatMap((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)])
    .filter((t) => typeof t === 'string')
    .join('\n');
