import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/core/commands/index.js';
import { cli } from '../fakes/run-cli.js';
import { tempDir } from '../fakes/temp-dir.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasLedger = buildRegistry().find('deadline', 'cli') !== undefined;

/**
 * Runs `pledgewatch --console` (src/main.ts) in a real process, waits until `until` appears on its terminal,
 * then quits and returns everything it printed.
 */
function consoleRun(env: Record<string, string>, until: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let quitting = false;
    p.stdout.on('data', (d) => {
      out += String(d);
      if (!quitting && out.includes(until)) {
        quitting = true;
        p.stdin.end('quit\n');
      }
    });
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(-500)}`))));
  });
}

/** A due instant one minute ago, as the date and HH:MM (UTC) the settings take. */
function dueJustNow(minutesAgo: number) {
  const due = new Date(Date.now() - minutesAgo * 60_000);
  return { date: due.toISOString().slice(0, 10), time: due.toISOString().slice(11, 16) };
}

describe.skipIf(!hasLedger)('reminders in the real console chat (src/main.ts)', () => {
  it('shows a reminder due now once, and only once after a restart', async () => {
    const dataDir = tempDir();
    const due = dueJustNow(1);
    const env = { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_TIMEZONE: 'UTC', PLEDGEWATCH_REMINDER_TIME: due.time, PLEDGEWATCH_REMINDER_DAYS: '0', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', MATRIX_ACCESS_TOKEN: '' };
    expect((await cli(['deadline', 'Mexico', 'ishr-2020-mexico-questions', due.date], env)).code).toBe(0);
    expect((await cli(['subscribe', '--channel', 'console', 'Mexico'], env)).code).toBe(0);
    // The channel subscribed an hour ago (a reminder due before a channel subscribes is never planned).
    const db = new Database(join(dataDir, 'pledgewatch.db'));
    db.prepare('UPDATE reminder_subscriptions SET created_at = created_at - 3600000').run();
    db.close();

    const heading = 'Reminder: Mexico owes answers to';
    const first = await consoleRun(env, heading);
    if (process.env.PW_DEBUG) console.log(first);
    expect(first.split(heading).length - 1).toBe(1);

    // A second dated letter falls due too: seeing it proves the restarted loop ran past the first one.
    expect((await cli(['deadline', 'Mexico', 'ngo-2013-open-letter', due.date], env)).code).toBe(0);
    const second = await consoleRun(env, 'Open Letter to candidates');
    if (process.env.PW_DEBUG) console.log(second);
    expect(second).not.toContain('Questions from the Human Rights Council Elections Pledging Event 2020');
  });
});
