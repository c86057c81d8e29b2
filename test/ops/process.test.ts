import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FakeSlack } from '../fakes/fake-slack.js';
import { freePort } from '../fakes/free-port.js';
import { tempDir } from '../fakes/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function healthz(port: number): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined;
  }
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.exitCode !== null ? resolve({ code: child.exitCode, signal: child.signalCode }) : child.once('exit', (code, signal) => resolve({ code, signal })),
  );

/** The real bot (npm start's entry point) with Slack in HTTP mode against the fake, and /healthz on. */
async function startBot() {
  const fake = await FakeSlack.start();
  const dir = tempDir('pw-process-');
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
      SLACK_BOT_TOKEN: 'xoxb-process-test',
      SLACK_SIGNING_SECRET: 'process-test-secret',
      SLACK_PORT: String(slackPort),
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: '',
      MATRIX_HOMESERVER_URL: '',
      MATRIX_USER_ID: '',
      MATRIX_ACCESS_TOKEN: '',
    },
  });
  child.stderr!.on('data', (d) => (stderr += String(d)));
  onTestFinished(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await fake.close();
  });
  return { child, fake, dir, healthPort, logs: () => stderr };
}

describe('the bot as an operator runs it', () => {
  it('reports itself healthy on /healthz, then stops cleanly on SIGTERM with its database closed', async () => {
    const bot = await startBot();
    const report = await until(async () => {
      const r = await healthz(bot.healthPort);
      return r?.body.reminders.lastTickAgeSeconds !== null && r?.status === 200 ? r : undefined;
    }, 'a healthy report');
    expect(report.body).toMatchObject({ ok: true, adapters: { slack: { connected: true } }, database: { ok: true }, reminders: { ok: true } });

    bot.child.kill('SIGTERM');
    expect(await exited(bot.child)).toEqual({ code: 0, signal: null });
    // Closed cleanly: the WAL was checkpointed into the database and the file is sound.
    const db = new Database(join(bot.dir, 'pledgewatch.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // JSON logs, and none of them carries a token.
    const lines = bot.logs().trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(bot.logs()).not.toContain('xoxb-process-test');
    expect(bot.logs()).toMatch(/"msg":"shutting down"/);
  });

  it('does not hang when a second signal arrives during shutdown (exit 0 if shutdown won the race, 130 if the second signal did)', async () => {
    const bot = await startBot();
    await until(async () => ((await healthz(bot.healthPort))?.status === 200 ? true : undefined), 'a healthy report');
    bot.child.kill('SIGTERM');
    bot.child.kill('SIGTERM');
    const { code } = await exited(bot.child);
    expect([0, 130]).toContain(code);
  });
});
