import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../fakes/temp-dir.js';
import type { FakeHomeserver, SentRecord } from '../../fakes/fake-homeserver.js';
import { ALICE, BOT, BOT_TOKEN, MIA, fakeHomeserver } from './harness.js';

let hs: FakeHomeserver | undefined;
afterEach(async () => {
  await hs?.stop();
  hs = undefined;
});

/** `npm start` as an operator runs it: src/main.ts in its own process, configured by the environment only. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', PLEDGEWATCH_DATA_DIR: tempDir('pw-main-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdout.on('data', (d) => (stdout += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited, output: () => ({ stderr, stdout }) };
}

const replyTo = (eventId: string) => (s: SentRecord) =>
  (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId;

describe('main with MATRIX_* set', () => {
  it('starts the Matrix adapter, answers in a room, and stops cleanly on SIGTERM', async () => {
    hs = await fakeHomeserver();
    const room = hs.createRoom({ creator: ALICE, members: [BOT, MIA] });
    const main = startMain({ MATRIX_HOMESERVER_URL: hs.url, MATRIX_USER_ID: BOT, MATRIX_ACCESS_TOKEN: BOT_TOKEN, MATRIX_ALLOWED_INVITERS: ALICE });
    await hs.waitForSyncs(1, 30_000);
    const q = hs.say(room, MIA, '!pw help');
    await hs.waitForSent(replyTo(q), 30_000);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    const { stderr, stdout } = main.output();
    expect(stdout).toBe(''); // the SDK's console logging is routed into the log, not stdout
    expect(stderr).toMatch(/matrix connected/);
    expect(stderr).not.toContain(BOT_TOKEN);
  }, 45_000);

  it('refuses to start with a rejected token, saying so', async () => {
    hs = await fakeHomeserver();
    const main = startMain({ MATRIX_HOMESERVER_URL: hs.url, MATRIX_USER_ID: BOT, MATRIX_ACCESS_TOKEN: 'revoked' });
    expect(await main.exited).toBe(1);
    expect(main.output().stderr).toMatch(/pledgewatch could not start: The homeserver at http:\/\/127\.0\.0\.1:\d+ rejected MATRIX_ACCESS_TOKEN \(M_UNKNOWN_TOKEN\)/);
  }, 45_000);
});
