import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackMemory } from '../../adapters/slack/slack-memory.js';
import { silentLogger } from '../../src/logging.js';
import type { DeliveryLog } from '../../src/storage/delivery-log.js';
import { sqliteKeyValue } from '../../src/storage/key-value.js';
import { openDatabase } from '../../src/storage/database.js';
import { storageMigrations, storageSplitMigrations } from '../../src/storage/migrations.js';
import { FakeClock } from '../fakes/clock.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`event-claim.test.ts skipped (PostgreSQL part): ${unavailable}`);

const child = fileURLToPath(new URL('./claim-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** A claiming process, started; `go` lets it claim once every process is connected (see claim-child.ts). */
function race(url: string, keys: number, seed: number): { ready: Promise<void>; go: () => void; won: Promise<string[]> } {
  const p = spawn(process.execPath, ['--import', 'tsx', child], { cwd: root, env: { ...process.env, PW_URL: url, PW_KEYS: String(keys), PW_SEED: String(seed) }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  p.stdout.on('data', (d) => {
    out += String(d);
    if (out.startsWith('ready\n')) onReady();
  });
  p.stderr.on('data', (d) => (err += String(d)));
  const won = new Promise<string[]>((resolve, reject) => {
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.replace(/^ready\n/, '')) as string[]) : reject(new Error(`claim child exited ${code}: ${err}`))));
  });
  return { ready: Promise.race([ready, won.then(() => undefined)]), go: () => p.stdin.end('go\n'), won };
}

describe.runIf(!unavailable || process.env.CI === 'true')('each event is claimed by one replica: the delivery log on PostgreSQL is the arbiter', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('three processes racing for the same 600 deliveries (one at a time and in batches): every one won exactly once', async () => {
    const url = await server.createDatabase();
    // The schema, as the bot makes it.
    const { openPgStores } = await import('../../src/stores.js');
    const { defaultPgOptions } = await import('../../src/storage/pg/session.js');
    openPgStores(defaultPgOptions(url)).close();
    const KEYS = 600;
    const racers = [race(url, KEYS, 1), race(url, KEYS, 2), race(url, KEYS, 3)];
    await Promise.all(racers.map((r) => r.ready)); // all three connected before any claims
    racers.forEach((r) => r.go());
    const wins = await Promise.all(racers.map((r) => r.won));
    const all = wins.flat();
    expect(new Set(all).size).toBe(all.length); // no delivery won twice
    expect(all).toHaveLength(KEYS); // and none lost
    expect(wins.filter((w) => w.length > 0).length).toBeGreaterThan(1); // they did race
  }, 120_000);
});

describe('Slack with a shared delivery log that cannot be written', () => {
  const failingLog = (base: DeliveryLog): DeliveryLog => ({
    ...base,
    recordDeliveries: () => {
      throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    },
    wasDelivered: () => {
      throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    },
  });
  const memory = (shared: boolean) => {
    const db = openDatabase(':memory:', [...storageMigrations, ...storageSplitMigrations]);
    const base: DeliveryLog = { adapter: 'slack', firstDelivery: () => true, recordDeliveries: (k) => k.map(() => true), wasDelivered: () => false, prune: () => 0, answered: () => undefined, lost: () => 0 };
    return slackMemory({ deliveries: failingLog(base), kv: sqliteKeyValue(db), clock: new FakeClock('2026-12-01T09:00:00Z'), logger: silentLogger(), shared });
  };

  it('does not answer (another replica may), where a lone bot on SQLite answers from memory', async () => {
    expect(await memory(true).firstDelivery(['event:Ev1'])).toBe(false);
    expect(await memory(false).firstDelivery(['event:Ev1'])).toBe(true);
  });
});

describe('lost answers, counted from the delivery log', () => {
  it('a delivery taken and never answered is counted once, in the log, after it had time to be answered', async () => {
    const { sqliteDeliveryLogs } = await import('../../src/storage/delivery-log.js');
    const { countLostAnswers } = await import('../../src/replica/lost-answers.js');
    const { migrations } = await import('../../src/stores.js');
    const db = openDatabase(':memory:', migrations);
    const deliveries = sqliteDeliveryLogs(db);
    const kv = sqliteKeyValue(db);
    const clock = new FakeClock('2026-12-01T09:00:00Z');
    const lines: Record<string, unknown>[] = [];
    const logger = (await import('pino')).default({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    countLostAnswers({ deliveries, kv, clock, logger, adapters: ['matrix'] })(); // the first count starts the record
    const t = clock.now().getTime();
    const matrix = deliveries.for('matrix');
    for (const e of ['event:$a', 'event:$b', 'event:$c', 'e2e-notice:!r']) matrix.firstDelivery(e, t - 1_000);
    matrix.answered('event:$b', t);
    clock.set(new Date(t + 11 * 60_000));
    countLostAnswers({ deliveries, kv, clock, logger, adapters: ['matrix'] })();
    countLostAnswers({ deliveries, kv, clock, logger, adapters: ['matrix'] })(); // counted once, not again
    expect(lines.filter((l) => l.msg === 'answers lost: deliveries taken and never answered').map((l) => [l.adapter, l.lost])).toEqual([['matrix', 2]]);
  });
});
