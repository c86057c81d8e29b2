import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { FakeHomeserver } from '../fakes/fake-homeserver.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { freePort } from '../fakes/free-port.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { tempDir } from '../fakes/temp-dir.js';
import { SIGNING_SECRET } from '../adapters/slack/slack-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

export const BOT = '@pledgewatch:fake.test';
export const BOT_TOKEN = 'bot-token';
export const ALICE = '@alice:fake.test';
export const MIA = '@mia:fake.test';
export const COORDINATOR = 'UCOORD001';

/** One replica: a real bot process (src/main.ts) on the shared PostgreSQL, Slack in HTTP mode, Matrix, /healthz. */
export interface Replica {
  slot: number;
  child: ChildProcess;
  slackUrl: string;
  healthPort: number;
  logs(): string;
  alive(): boolean;
}

export interface Cluster {
  url: string;
  fake: FakeSlack;
  hs: FakeHomeserver;
  /** the settings every replica shares (the CLI reads the same database with them) */
  env: Record<string, string | undefined>;
  /** each replica slot's current process */
  replicas: Replica[];
  /** starts (or restarts) the replica in `slot` */
  start(slot: number): Promise<Replica>;
  kill(slot: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** The fake Slack, the fake homeserver (the bot, alice and mia) and `count` replica slots on `url`, none started. */
export async function cluster(url: string, count: number, extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const fake = await FakeSlack.start();
  const hs = await FakeHomeserver.start();
  hs.setMaxListeners(200);
  hs.addUser(BOT, BOT_TOKEN);
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: url,
    PLEDGEWATCH_COORDINATORS: `slack:${COORDINATOR},matrix:${ALICE}`,
    PLEDGEWATCH_LOG_LEVEL: 'warn',
    PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '100000',
    PLEDGEWATCH_LEADER_CHECK_SECONDS: '1',
    PLEDGEWATCH_PAGE_PORT: 'off',
    SLACK_BOT_TOKEN: 'xoxb-replicas-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_APP_TOKEN: '',
    SLACK_PORT: '9', // each replica has its own; the CLI needs one set
    MATRIX_HOMESERVER_URL: hs.url,
    MATRIX_USER_ID: BOT,
    MATRIX_ACCESS_TOKEN: BOT_TOKEN,
    MATRIX_ALLOWED_INVITERS: ALICE,
    ...extraEnv,
  };
  const ports = await Promise.all(Array.from({ length: count }, async () => ({ slack: await freePort(), health: await freePort() })));
  const replicas: Replica[] = [];
  const c: Cluster = {
    url,
    fake,
    hs,
    env,
    replicas,
    async start(slot) {
      let stderr = '';
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...env, PLEDGEWATCH_DATA_DIR: tempDir('pw-replica-'), SLACK_PORT: String(ports[slot]!.slack), PLEDGEWATCH_HEALTH_PORT: String(ports[slot]!.health) },
      });
      child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-200_000)));
      const r: Replica = {
        slot,
        child,
        slackUrl: `http://127.0.0.1:${ports[slot]!.slack}`,
        healthPort: ports[slot]!.health,
        logs: () => stderr,
        alive: () => child.exitCode === null && child.signalCode === null,
      };
      replicas[slot] = r;
      return r;
    },
    async kill(slot, signal = 'SIGKILL') {
      const r = replicas[slot];
      if (!r?.alive()) return;
      r.child.kill(signal);
      await exited(r.child);
    },
    async stop() {
      for (const r of replicas) if (r?.alive()) r.child.kill('SIGKILL');
      await Promise.all(replicas.map((r) => r && exited(r.child)));
      await fake.close();
      await hs.stop();
    },
  };
  return c;
}

export async function healthz(port: number): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined;
  }
}

/** Polls `probe` (every 100 ms, up to `ms`) until it gives a value: the processes give no other signal. */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a test of replicas on PostgreSQL gets: its throw-away server, and a cluster on a new database of it. */
export interface OnPostgres {
  server(): TestPostgres;
  /** a new database on the server and `count` replicas for it (stopped after the block); its URL is `url` */
  cluster(count: number, extraEnv?: Record<string, string>): Promise<Cluster & { url: string }>;
}

/**
 * A describe block over one throw-away PostgreSQL server: skipped, with the reason printed, where PostgreSQL is
 * missing (never under CI=true); the server and the cluster it started are stopped after the block.
 */
export function describeOnPostgres(file: string, title: string, body: (pg: OnPostgres) => void): void {
  const unavailable = postgresUnavailable();
  if (unavailable && process.env.CI !== 'true') console.log(`${file} skipped: ${unavailable}`);
  describe.runIf(!unavailable || process.env.CI === 'true')(title, () => {
    let server: TestPostgres | undefined;
    let started: Cluster | undefined;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await started?.stop();
      await server?.stop();
    });
    body({
      server: () => server!,
      cluster: async (count, extraEnv) => {
        const url = await server!.createDatabase();
        started = await cluster(url, count, extraEnv);
        return Object.assign(started, { url });
      },
    });
  });
}
