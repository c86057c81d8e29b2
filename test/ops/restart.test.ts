import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE } from '../../adapters/slack/sender.js';
import { DEFAULT_LEASE_MS } from '../../src/reminders/loop.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { cli } from '../fakes/run-cli.js';
import { freePort } from '../fakes/free-port.js';
import { seededRandom } from '../fakes/random.js';
import { tempDir } from '../fakes/temp-dir.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../adapters/slack/slack-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const KILLS = 50;
const CHANNELS = 12;
const COORDINATOR = 'UCOORD001';

/** Waits until the bot answers HTTP on its port (it is listening), or the process dies. */
async function listening(child: ChildProcess, port: number): Promise<boolean> {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'GET' });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return false;
}

describe('a bot killed with SIGKILL 50 times while reminders fall due and answers are recorded', () => {
  it('posts every reminder exactly once and loses no confirmed answer', async () => {
    const fake = await FakeSlack.start();
    const dir = tempDir('pw-restart-');
    const port = await freePort();
    const env = {
      ...process.env,
      PLEDGEWATCH_DATA_DIR: dir,
      PLEDGEWATCH_COORDINATORS: `slack:${COORDINATOR}`,
      PLEDGEWATCH_LOG_LEVEL: 'warn',
      PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '100000',
      SLACK_BOT_TOKEN: 'xoxb-restart-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: '',
      MATRIX_ACCESS_TOKEN: '',
      MATRIX_HOMESERVER_URL: '',
      MATRIX_USER_ID: '',
    };

    // Reminders that fall due while the bot is being killed: each channel's reminder time is one or two
    // minutes from now, on the deadline's day (a new subscription never gets reminders from before it).
    const soon = (minutes: number) => DateTime.utc().plus({ minutes }).startOf('minute');
    await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', soon(2).toISODate()!], { ...env });
    for (let c = 0; c < CHANNELS; c++) {
      const at = soon(1 + (c % 2)).toFormat('HH:mm');
      const r = await cli(['subscribe', 'Mexico', '--time', at, '--timezone', 'UTC', '--channel', `slack:C0RST${String(c).padStart(4, '0')}`], { ...env });
      expect(r.code, r.err).toBe(0);
    }
    const lastDue = soon(2).toMillis();

    const rnd = seededRandom(4242);
    const confirmed = new Set<string>();
    let asked = 0;
    const run = () => spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

    for (let k = 0; k < KILLS || Date.now() < lastDue + 5_000; k++) {
      const child = run();
      if (await listening(child, port)) {
        // Answers being recorded while the bot may die at any moment.
        // Never all 36: a fully answered letter rightly cancels its reminders.
        const label = String(1 + (asked++ % 30));
        void postSigned(`http://127.0.0.1:${port}`, slashCommandBody(fake, { text: `answered Mexico ${label}`, user: COORDINATOR }), { form: true }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50 + rnd() * 900));
      }
      child.kill('SIGKILL');
      await exited(child);
      // Whatever the bot showed the coordinator (response_url or a channel post) counts as a confirmation.
      for (const d of [...fake.responses.map((r) => r.body), ...fake.deliveries]) {
        const m = /question (\d+) recorded as answered/.exec(JSON.stringify(d));
        if (m) confirmed.add(m[1]!);
      }
    }

    // One last, undisturbed run once the killed processes' claims have expired: everything due goes out.
    await new Promise((r) => setTimeout(r, DEFAULT_LEASE_MS + 1_000));
    const last = run();
    expect(await listening(last, port)).toBe(true);
    const posted = () => [...fake.history.values()].flat().filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE);
    const until = Date.now() + 120_000;
    let planned: { key: string; status: string; dueAt: string }[] = [];
    while (Date.now() < until) {
      const out = await cli(['reminders', '--json', '--channel', 'slack:C0RST0000'], { ...env });
      planned = JSON.parse(out.out.trim().split('\n').at(-1)!).reminders ?? JSON.parse(out.out.trim().split('\n').at(-1)!);
      const perChannelPosts = new Set(posted().map((m) => m.channel)).size;
      if (perChannelPosts === CHANNELS && planned.every((p) => p.status !== 'claimed' && p.status !== 'sending')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    last.kill('SIGTERM');
    await exited(last);

    // Exactly once: no reminder key was posted twice, and every channel got its reminders.
    const keys = posted().map((m) => `${String(m.metadata!.event_payload.key)}#${String(m.metadata!.event_payload.part ?? 0)}`);
    expect(new Set(keys).size).toBe(keys.length);
    const statuses: string[] = [];
    for (let c = 0; c < CHANNELS; c++) {
      const channel = `slack:C0RST${String(c).padStart(4, '0')}`;
      const rows = JSON.parse((await cli(['reminders', '--json', '--channel', channel], { ...env })).out).reminders as { kind: string; status: string; dueAt: string }[];
      statuses.push(`${channel}: ${rows.map((r) => `${r.kind}@${r.dueAt}=${r.status}`).join(', ')}`);
    }
    expect(new Set(posted().map((m) => m.channel)).size, statuses.join('\n')).toBe(CHANNELS);
    const due = planned.filter((p) => new Date(p.dueAt).getTime() <= Date.now());
    expect(due.every((p) => p.status === 'sent')).toBe(true);

    // No confirmed answer was lost.
    const owed = JSON.parse((await cli(['outstanding', 'Mexico', '--json'], { ...env })).out) as { outstanding: { letter: string; number: string }[] };
    const stillOwed = new Set(owed.outstanding.filter((q) => q.letter === 'ishr-2020-mexico-questions').map((q) => q.number));
    for (const label of confirmed) expect(stillOwed.has(label), `question ${label} was confirmed but is outstanding`).toBe(false);
    expect(confirmed.size).toBeGreaterThan(0);
    await fake.close();
  }, 600_000);
});
