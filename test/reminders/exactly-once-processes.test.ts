import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { reminderRoom } from './harness.js';

const child = fileURLToPath(new URL('./loop-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs one tick in a real child process; resolves when it exits (or is killed). */
function runChild(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** A data dir with `count` letters due on 1 December and the console channel subscribed on 21 November. */
async function dataDir(count = 1) {
  const dir = tempDir();
  const deadlines = Array.from({ length: count }, (_, i) => letter({ letter: `L${i}`, deadline: '2026-12-01' }));
  writeFileSync(join(dir, 'ledger.json'), JSON.stringify(deadlines));
  const room = reminderRoom(dir, new FakeLedger(deadlines), new FakeClock('2026-11-21T10:00:00Z'));
  await room.service.subscribe('console', [], {}, 'console:you');
  room.close();
  const platformLog = join(dir, 'platform.jsonl');
  const env = (now: string, extra: Record<string, string> = {}) => ({ PW_DB: join(dir, 'pledgewatch.db'), PW_LEDGER: join(dir, 'ledger.json'), PW_PLATFORM_LOG: platformLog, PW_NOW: now, ...extra });
  const posts = (): { key: string; messageId: string; pid: number }[] =>
    existsSync(platformLog) ? readFileSync(platformLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const rows = () => {
    const r = reminderRoom(dir, new FakeLedger(deadlines), new FakeClock('2026-11-24T08:00:00Z'));
    try {
      return r.db.prepare(`SELECT key, status, message_id AS messageId, attempts FROM reminders WHERE kind = '7-days' ORDER BY key`).all() as { key: string; status: string; messageId: string; attempts: number }[];
    } finally {
      r.close();
    }
  };
  return { env, posts, rows };
}

const DUE = '2026-11-24T08:00:10Z';
const AFTER_LEASE = '2026-11-24T08:01:00Z'; // the dead process's 30 s claim has run out

describe('exactly once across real processes', () => {
  it('a process killed (SIGKILL) between claim and send: after a restart the reminder is posted once', async () => {
    const d = await dataDir();
    const killed = await runChild(d.env(DUE, { PW_KILL_AT: 'claimed' }));
    expect(killed.signal).toBe('SIGKILL');
    expect(d.posts()).toEqual([]);
    expect(d.rows()[0]).toMatchObject({ status: 'claimed' });
    // Restarted within the lease: the claim may still be alive, so it waits.
    const early = await runChild(d.env('2026-11-24T08:00:20Z'));
    expect(early.code).toBe(0);
    expect(d.posts()).toEqual([]);
    const restarted = await runChild(d.env(AFTER_LEASE));
    expect(restarted.code, restarted.err).toBe(0);
    expect(JSON.parse(restarted.out)).toMatchObject({ sent: 1 });
    expect(d.posts()).toHaveLength(1);
    expect(d.rows()[0]).toMatchObject({ status: 'sent', messageId: d.posts()[0]!.messageId });
    await runChild(d.env('2026-11-24T09:00:00Z'));
    expect(d.posts()).toHaveLength(1);
  });

  it('a process killed after marking "sending" but before the post: the restart finds nothing on the platform and posts once', async () => {
    const d = await dataDir();
    expect((await runChild(d.env(DUE, { PW_KILL_AT: 'sending', PW_LOOKUP: '1' }))).signal).toBe('SIGKILL');
    expect(d.rows()[0]).toMatchObject({ status: 'sending' });
    expect((await runChild(d.env(AFTER_LEASE, { PW_LOOKUP: '1' }))).code).toBe(0);
    expect(d.posts()).toHaveLength(1);
    expect(d.rows()[0]).toMatchObject({ status: 'sent' });
  });

  it('a process killed after the post but before recording it: the restart finds the post through lookup and does not post again', async () => {
    const d = await dataDir();
    expect((await runChild(d.env(DUE, { PW_KILL_AT: 'sent', PW_LOOKUP: '1' }))).signal).toBe('SIGKILL');
    expect(d.posts()).toHaveLength(1);
    expect(d.rows()[0]).toMatchObject({ status: 'sending' });
    const restarted = await runChild(d.env(AFTER_LEASE, { PW_LOOKUP: '1' }));
    expect(JSON.parse(restarted.out)).toMatchObject({ sent: 0, recovered: 1 });
    expect(d.posts()).toHaveLength(1);
    expect(d.rows()[0]).toMatchObject({ status: 'sent', messageId: d.posts()[0]!.messageId });
  });

  it('two processes ticking at once on one database post each reminder exactly once', async () => {
    const d = await dataDir(40);
    const extra = { PW_SLOW_MS: '5', PW_BATCH: '2' };
    const [a, b] = await Promise.all([runChild(d.env(DUE, extra)), runChild(d.env(DUE, extra))]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const posts = d.posts();
    expect(posts).toHaveLength(40);
    expect(new Set(posts.map((p) => p.key)).size).toBe(40);
    expect(d.rows().every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Whichever claimed a row posted it; between them, every row once.
    const sentBy = [JSON.parse(a.out).sent, JSON.parse(b.out).sent];
    expect(sentBy[0] + sentBy[1]).toBe(40);
  });
});
