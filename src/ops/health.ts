import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Adapter } from '../core/adapter.js';
import type { Clock } from '../kernel/clock.js';
import type { Db } from '../storage/database.js';

export interface HealthSources {
  adapters: () => Adapter[];
  db: Db;
  clock: Clock;
  /** when the reminder loop last finished a tick; undefined before the first */
  lastReminderTick: () => Date | undefined;
  /** a tick older than this means the loop is stuck (it ticks every minute) */
  maxTickAgeMs?: number;
}

export interface HealthReport {
  ok: boolean;
  adapters: Record<string, { connected: boolean; detail?: string }>;
  database: { ok: boolean };
  reminders: { ok: boolean; lastTickAgeSeconds: number | null };
}

export function healthReport(s: HealthSources): HealthReport {
  const adapters: HealthReport['adapters'] = {};
  for (const a of s.adapters()) adapters[a.platform] = a.status();
  let dbOk = false;
  try {
    dbOk = s.db.open && (s.db.prepare('SELECT 1 AS one').get() as { one: number }).one === 1;
  } catch {
    dbOk = false;
  }
  const last = s.lastReminderTick();
  const age = last ? Math.max(0, Math.round((s.clock.now().getTime() - last.getTime()) / 1000)) : null;
  const ticking = age !== null && age * 1000 <= (s.maxTickAgeMs ?? 180_000);
  const ok = dbOk && ticking && Object.values(adapters).every((a) => a.connected);
  return { ok, adapters, database: { ok: dbOk }, reminders: { ok: ticking, lastTickAgeSeconds: age } };
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
