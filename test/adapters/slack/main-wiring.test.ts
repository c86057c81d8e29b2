import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { onTestFinished, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fakes/fake-slack.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from './slack-harness.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** `npm start` as an operator runs it: src/main.ts in its own process, with settings from the environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', PLEDGEWATCH_DATA_DIR: tempDir('pw-main-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stderr.on('data', (d) => {
    stderr += String(d);
    listeners.forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const waitForStderr = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => pattern.test(stderr) && (resolve(), true);
      if (!check()) listeners.push(check);
    });
  return { child, exited, waitForStderr, stderr: () => stderr };
}

describe('main starts the Slack adapter from the settings', () => {
  it('in HTTP mode answers a signed slash command, and stops cleanly on SIGTERM', async () => {
    const fake = await FakeSlack.start();
    onTestFinished(() => fake.close());
    const port = await freePort();
    const main = startMain({ SLACK_BOT_TOKEN: 'xoxb-main', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: String(port), SLACK_API_URL: fake.apiUrl });
    await main.waitForStderr(/Slack adapter listening/);
    const res = await postSigned(`http://127.0.0.1:${port}`, slashCommandBody(fake, { text: 'help' }), { form: true });
    expect(res.status).toBe(200);
    expect((await fake.waitForResponse()).body.response_type).toBe('ephemeral');
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stderr()).not.toContain('xoxb-main');
  });

  it('stops with a sentence naming the setting when Slack refuses the bot token', async () => {
    const fake = await FakeSlack.start();
    onTestFinished(() => fake.close());
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const main = startMain({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: 'xapp-main', SLACK_API_URL: fake.apiUrl });
    expect(await main.exited).toBe(1);
    expect(main.stderr()).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(main.stderr()).not.toContain('xoxb-wrong');
  });
});
