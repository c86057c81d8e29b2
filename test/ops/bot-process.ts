import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { FakeSlack, type Delivery } from '../fakes/fake-slack.js';
import { freePort } from '../fakes/free-port.js';
import { tempDir } from '../fakes/temp-dir.js';
import { COORDINATOR, MEMBER, postSigned, SIGNING_SECRET, slashCommandBody } from '../adapters/slack/slack-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

export async function healthz(port: number): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined;
  }
}

/** Polls `probe` until it returns a value (the process under test gives no other signal to wait on). */
export async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.exitCode !== null ? resolve({ code: child.exitCode, signal: child.signalCode }) : child.once('exit', (code, signal) => resolve({ code, signal })),
  );

export interface BotProcess {
  child: ChildProcess;
  fake: FakeSlack;
  dir: string;
  healthPort: number;
  /** the Slack HTTP receiver's base URL (sign requests with the harness's SIGNING_SECRET) */
  baseUrl: string;
  logs(): string;
}

/**
 * The real bot (npm start's entry point) with Slack in HTTP mode against the fake, /healthz on, and
 * slack:UCOORD001 (the harness's COORDINATOR) as coordinator. Killed when the test finishes.
 */
export async function startBot(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<BotProcess> {
  const fake = await FakeSlack.start();
  const dir = options.dataDir ?? tempDir('pw-process-');
  const [slackPort, healthPort] = [await freePort(), await freePort()];
  let stderr = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PLEDGEWATCH_DATA_DIR: dir,
      PLEDGEWATCH_HEALTH_PORT: String(healthPort),
      PLEDGEWATCH_LOG_LEVEL: 'info',
      PLEDGEWATCH_COORDINATORS: `slack:${COORDINATOR}`,
      SLACK_BOT_TOKEN: 'xoxb-process-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(slackPort),
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: '',
      MATRIX_HOMESERVER_URL: '',
      MATRIX_USER_ID: '',
      MATRIX_ACCESS_TOKEN: '',
      ...options.env,
    },
  });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  onTestFinished(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await fake.close();
  });
  return { child, fake, dir, healthPort, baseUrl: `http://127.0.0.1:${slackPort}`, logs: () => stderr };
}

/** Whether the bot's stderr has a JSON log line with this msg (and these fields). */
export function logged(bot: BotProcess, msg: string, fields: Record<string, unknown> = {}): boolean {
  return bot
    .logs()
    .split('\n')
    .filter(Boolean)
    .some((l) => {
      try {
        const j = JSON.parse(l);
        return j.msg === msg && Object.entries(fields).every(([k, v]) => j[k] === v);
      } catch {
        return false;
      }
    });
}

/** A slash command; its answer, whether private (response_url) or for the channel (a recorded answer). */
export async function command(bot: BotProcess, text: string, user = MEMBER): Promise<string> {
  const body = slashCommandBody(bot.fake, { text, user });
  const id = body.response_url!.split('/').pop()!;
  const inChannel = (d: Delivery) => d.via === 'chat.postMessage' && !d.thread_ts;
  const posted = bot.fake.deliveries.filter(inChannel).length;
  expect((await postSigned(bot.baseUrl, body, { form: true })).status).toBe(200);
  const answer = await Promise.race([
    bot.fake.waitForResponse((r) => r.id === id).then((r) => r.body.text as string),
    bot.fake.waitForDelivery(inChannel, posted + 1).then((d) => d.text ?? ''),
  ]);
  return answer;
}
