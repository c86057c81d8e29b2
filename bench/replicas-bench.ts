/**
 * Replicas on one database: how fast 1, 2 and 4 processes drain the reminders due at one moment (claim with a
 * lease → "sending" → "sent", to a no-op sender: the store's side of posting), and how fast they take events
 * through the delivery log (Matrix's one insert per event, Slack's batches of 20), on PostgreSQL and, in the
 * same run, on one SQLite file shared by the same number of processes.
 *
 * The rows: the reminders due at one 09:00 across 10 000 letters (200 States) × 1 000 channels (each following 2
 * States): `due` rows (default 4 000; 10 000 for the full figure), each a (letter, channel) pair, written straight into the table, not planned
 * (planning is reminders-bench.ts's subject). PostgreSQL is a throw-away cluster (test/fakes/postgres.ts, with
 * fsync turned back on, as SQLite syncs its commits) on this machine.
 *
 * Each replica is a process with its database open before the clock starts.
 * Run: npx tsx bench/replicas-bench.ts [due] [events]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgReminderStore } from '../src/reminders/pg-store.js';
import { reminderMigrations, SqliteReminderStore } from '../src/reminders/sqlite-store.js';
import type { ReminderStore } from '../src/reminders/store.js';
import { openDatabase } from '../src/storage/database.js';
import { sqliteDeliveryLogs, type DeliveryLogs } from '../src/storage/delivery-log.js';
import { storageMigrations, storageSplitMigrations } from '../src/storage/migrations.js';
import { defaultPgOptions, openPg } from '../src/storage/pg/session.js';
import { pgDeliveryLogs } from '../src/storage/pg/state.js';
import { openPgStores } from '../src/stores.js';

const LETTERS = 10_000;
const CHANNELS = 1_000;
const STATES = 200;
const DUE_AT = Date.parse('2026-11-24T08:00:00Z');
const self = fileURLToPath(import.meta.url);

type Engine = 'postgres' | 'sqlite';

/** SQLite shared by processes: a writer waits out another's lock (busy_timeout), and past it tries again. */
function patient<T>(fn: () => T): T {
  for (;;) {
    try {
      return fn();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    }
  }
}

/** One replica's work, in a child process: prints how many it did. */
async function child(engine: Engine, where: string, job: string, id: string, events: number, replicas: number, index: number) {
  if (job === 'claims') {
    let store: ReminderStore;
    let close: () => void;
    if (engine === 'postgres') {
      const pg = openPg({ ...defaultPgOptions(where), poolMax: 2 });
      store = new PgReminderStore(pg);
      close = () => pg.close();
    } else {
      const db = openDatabase(where, [...storageMigrations, ...reminderMigrations, ...storageSplitMigrations]);
      store = new SqliteReminderStore(db);
      close = () => db.close();
    }
    let done = 0;
    await ready();
    for (;;) {
      const now = DUE_AT + 10_000;
      const rows = patient(() => store.claim({ owner: id, platforms: ['slack'], now, leaseMs: 30_000, limit: 50 }));
      if (!rows.length) break;
      for (const r of rows) {
        if (!patient(() => store.markSending(r.key, id, now))) continue;
        if (patient(() => store.markSent(r.key, `m-${r.key}`, now))) done++;
      }
    }
    close();
    process.stdout.write(`${done}\n`);
    return;
  }
  // events: every replica sees every event (the worst case: each delivered to all of them), in its own order
  let logs: DeliveryLogs;
  let close: () => void;
  if (engine === 'postgres') {
    const pg = openPg({ ...defaultPgOptions(where), poolMax: 2 });
    logs = pgDeliveryLogs(pg);
    close = () => pg.close();
  } else {
    const db = openDatabase(where, [...storageMigrations, ...storageSplitMigrations]);
    logs = sqliteDeliveryLogs(db);
    close = () => db.close();
  }
  const keys = Array.from({ length: events }, (_, i) => `ev${(i + Math.floor((index * events) / replicas)) % events}`);
  let won = 0;
  await ready();
  const [kind] = job.split(':').slice(1);
  if (kind === 'one') {
    const log = logs.for('matrix');
    for (const k of keys) if (patient(() => log.firstDelivery(k))) won++;
  } else {
    const log = logs.for('slack');
    for (let i = 0; i < keys.length; i += 20) won += patient(() => log.recordDeliveries(keys.slice(i, i + 20))).filter(Boolean).length;
  }
  close();
  process.stdout.write(`${won}\n`);
}

/** A child: ready once its database is open; works when told "go"; says how many it did. */
function spawnChild(args: string[]) {
  const p = spawn(process.execPath, ['--import', 'tsx', self, '--child', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let onLine: ((line: string) => void) | undefined;
  p.stdout.on('data', (d) => {
    out += String(d);
    let i: number;
    while ((i = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      onLine?.(line);
    }
  });
  const next = () => new Promise<string>((resolve, reject) => ((onLine = resolve), p.once('exit', (code) => code !== 0 && reject(new Error(`child exited ${code}`)))));
  return { next, go: () => p.stdin.end('go\n') };
}

/** `replicas` processes at once, timed from "go" (every one ready) until the last is done: the count they did together and the wall time (ms). */
async function together(replicas: number, args: (i: number) => string[]): Promise<{ total: number; ms: number }> {
  const children = Array.from({ length: replicas }, (_, i) => spawnChild(args(i)));
  await Promise.all(children.map((c) => c.next()));
  const done = children.map((c) => c.next());
  const t0 = performance.now();
  children.forEach((c) => c.go());
  const counts = await Promise.all(done);
  return { total: counts.reduce((a, b) => a + Number(b), 0), ms: performance.now() - t0 };
}

/** Resolves when the parent says go (stdin). */
const ready = () =>
  new Promise<void>((resolve) => {
    process.stdout.write('ready\n');
    process.stdin.once('data', () => resolve());
  });

/** The due rows: the `due` (letter, channel) pairs of the first channels' two States' letters. */
function dueRows(due: number): { key: string; channel: string; letter: string; stateId: string }[] {
  const rows: { key: string; channel: string; letter: string; stateId: string }[] = [];
  for (let c = 0; rows.length < due && c < CHANNELS * 50; c++) {
    const channel = c % CHANNELS;
    const s = [channel % STATES, (channel * 7 + 1) % STATES][Math.floor(c / CHANNELS) % 2]!;
    const letter = s + STATES * Math.floor(c / (2 * CHANNELS));
    if (letter >= LETTERS) break;
    rows.push({ key: `slack:CBENCH${channel}|letter-${letter}|state-${s}|7-days|${DUE_AT}`, channel: `slack:CBENCH${channel}`, letter: `letter-${letter}`, stateId: `state-${s}` });
  }
  return rows;
}

function fill(store: ReminderStore, rows: ReturnType<typeof dueRows>) {
  store.transaction(() => {
    for (const r of rows)
      store.insert({ key: r.key, channel: r.channel, letter: r.letter, stateId: r.stateId, state: r.stateId, kind: '7-days', dueAt: DUE_AT, zone: 'Europe/Zurich', deadline: '2026-12-01' }, DUE_AT - 86_400_000);
  });
}

async function main() {
  // Scaled down by default for a shared 2-core machine (SQLite's synced commits run at ~150/s here); 10000 10000 is the full size.
  const due = Number(process.argv[2] ?? 4_000);
  const events = Number(process.argv[3] ?? 4_000);
  const rows = dueRows(due);
  // A throw-away cluster (the PostgreSQL binaries are needed: Debian's postgresql package).
  const { startPostgres } = await import('../test/fakes/postgres.js');
  const server = await startPostgres();
  const stopServer = () => server.stop();
  const newDatabase = () => server.createDatabase();
  // The cluster runs without fsync (it is the tests'); a fair comparison with SQLite's synced commits needs it on.
  const admin = openPg(defaultPgOptions(server.adminUrl));
  admin.run('ALTER SYSTEM SET fsync = on');
  admin.run('ALTER SYSTEM SET full_page_writes = on');
  admin.run('SELECT pg_reload_conf()');
  admin.close();
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-replicas-'));
  let n = 0;
  const fresh = async (engine: Engine, withRows: boolean): Promise<string> => {
    if (engine === 'postgres') {
      const url = await newDatabase();
      const stores = openPgStores(defaultPgOptions(url));
      if (withRows) fill(stores.reminders, rows);
      stores.close();
      return url;
    }
    const file = join(dir, `bench-${++n}.db`);
    const db = openDatabase(file, [...storageMigrations, ...reminderMigrations, ...storageSplitMigrations]);
    if (withRows) fill(new SqliteReminderStore(db), rows);
    db.close();
    return file;
  };

  // The cluster and the files go whatever happens (a failed run leaves no server behind).
  try {
    console.log(`replicas-bench: ${rows.length} reminders due at once (of ${LETTERS} letters × ${CHANNELS} channels), ${events} events; each replica a process`);
    const table: string[] = ['| replicas | engine | reminders posted/s (claim → sending → sent) | events taken/s, one insert each (Matrix) | events taken/s, batches of 20 (Slack) |', '|---|---|---|---|---|'];
    for (const replicas of [1, 2, 4]) {
      for (const engine of ['postgres', 'sqlite'] as Engine[]) {
        const where = await fresh(engine, true);
        const claims = await together(replicas, (i) => [engine, where, 'claims', `replica-${i}`, '0', String(replicas), String(i)]);
        if (claims.total !== rows.length) throw new Error(`${engine} with ${replicas}: ${claims.total} of ${rows.length} reminders posted`);
        const perEvent: string[] = [];
        for (const kind of ['one', 'batch']) {
          const w = await fresh(engine, false);
          const r = await together(replicas, (i) => [engine, w, `events:${kind}`, `replica-${i}`, String(events), String(replicas), String(i)]);
          if (r.total !== events) throw new Error(`${engine} with ${replicas}: ${r.total} of ${events} events taken (each must be taken exactly once)`);
          perEvent.push(`${Math.round((events * replicas) / (r.ms / 1000))} seen, ${Math.round(events / (r.ms / 1000))} taken`);
        }
        const line = `| ${replicas} | ${engine === 'postgres' ? 'PostgreSQL' : 'SQLite (one file)'} | ${Math.round(claims.total / (claims.ms / 1000))} | ${perEvent[0]} | ${perEvent[1]} |`;
        table.push(line);
        console.log(line);
      }
    }
    console.log('\n' + table.join('\n'));
    console.log('\nEvery replica is offered every event (a redelivery to each): "seen" counts offers per second, "taken" the events answered (exactly once each).');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopServer();
  }
}

if (process.argv[2] === '--child') {
  const [engine, where, job, id, events, replicas, index] = process.argv.slice(3);
  await child(engine as Engine, where!, job!, id!, Number(events), Number(replicas), Number(index));
} else {
  await main();
}
