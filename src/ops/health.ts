import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter } from '../core/adapter.js';
import type { Clock } from '../kernel/clock.js';
import type { Db } from '../storage/database.js';
import type { StorageGuard } from '../storage/guard.js';

export interface HealthSources {
  adapters: () => Adapter[];
  /** the SQLite database, asked `SELECT 1` */
  db?: Db;
  /** or: whether the database answers (PostgreSQL) */
  ping?: () => boolean;
  /** whether the database can be written: a full disk makes the report unhealthy, naming it */
  storage?: Pick<StorageGuard, 'status'>;
  clock: Clock;
  /** when the reminder loop last finished a tick; undefined before the first */
  lastReminderTick: () => Date | undefined;
  /** on PostgreSQL: this replica's id and, per led adapter (Matrix), whether it is the leader now */
  replica?: () => { id: string; leader: Record<string, boolean> };
  /** a tick older than this means the loop is stuck (it ticks every minute) */
  maxTickAgeMs?: number;
}

export interface HealthReport {
  ok: boolean;
  adapters: Record<string, { connected: boolean; detail?: string }>;
  /** `problem` says what is wrong when the database is open but cannot be written (e.g. "disk full: …") */
  database: { ok: boolean; problem?: string };
  reminders: { ok: boolean; lastTickAgeSeconds: number | null };
  /** on PostgreSQL (replicas may share it): which replica answered, and whether it leads Matrix */
  replica?: { id: string; leader: Record<string, boolean> };
}

export function healthReport(s: HealthSources): HealthReport {
  const adapters: HealthReport['adapters'] = {};
  for (const a of s.adapters()) adapters[a.platform] = a.status();
  let dbOk = false;
  try {
    dbOk = s.ping ? s.ping() : !!s.db && s.db.open && (s.db.prepare('SELECT 1 AS one').get() as { one: number }).one === 1;
  } catch {
    dbOk = false;
  }
  const storage = dbOk ? s.storage?.status() : undefined;
  const database: HealthReport['database'] = storage && !storage.ok ? { ok: false, problem: storage.detail } : { ok: dbOk };
  const last = s.lastReminderTick();
  const age = last ? Math.max(0, Math.round((s.clock.now().getTime() - last.getTime()) / 1000)) : null;
  const ticking = age !== null && age * 1000 <= (s.maxTickAgeMs ?? 180_000);
  const ok = database.ok && ticking && Object.values(adapters).every((a) => a.connected);
  const replica = s.replica?.();
  return { ok, adapters, database, reminders: { ok: ticking, lastTickAgeSeconds: age }, ...(replica ? { replica } : {}) };
}

/** GET /healthz: 200 with the report when everything is up, 503 with it when something is down. */
export function startHealthServer(host: string, port: number, sources: HealthSources): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const report = healthReport(sources);
    res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(report) + '\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
