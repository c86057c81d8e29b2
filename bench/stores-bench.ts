/**
 * The store ports on SQLite and on PostgreSQL (a throw-away local cluster, fsync off: the figures are the
 * bridge's and the protocol's cost, not a disk's): a point read, a single write, 2 000 planned reminder rows in
 * one transaction, claiming 100 of them, a document of 1 000 passages. Each is the time the event loop waits.
 * `npx tsx bench/stores-bench.ts`; skipped, with the reason, when the PostgreSQL binaries are missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexedPassage } from '../src/corpus/passages.js';
import type { NewDocument } from '../src/library/store.js';
import { defaultPgOptions } from '../src/storage/pg/session.js';
import { openPgStores, openSqliteStores, type Stores } from '../src/stores.js';
import { postgresUnavailable, startPostgres } from '../test/fakes/postgres.js';

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

function measure(name: string, s: Stores): void {
  for (let i = 0; i < 50; i++) s.kv.set(`warm${i}`, 'x'); // connections opened, statements planned
  const reads = 2_000;
  const read = time(() => {
    for (let i = 0; i < reads; i++) s.kv.get(`warm${i % 50}`);
  });
  const writes = 500;
  const write = time(() => {
    for (let i = 0; i < writes; i++) s.kv.set(`k${i}`, String(i));
  });
  const row = (i: number) => ({ key: `r${i}`, channel: 'slack:C1', letter: 'L', stateId: 'MX', state: 'Mexico', kind: '7-days' as const, dueAt: i, zone: 'UTC', deadline: '2026-12-01' });
  const plan = time(() => s.reminders.transaction(() => {
    for (let i = 0; i < 2_000; i++) s.reminders.insert(row(i), 0);
  }, { derived: true }));
  const claim = time(() => s.reminders.claim({ owner: 'bench', platforms: ['slack'], now: 10_000, leaseMs: 60_000, limit: 100 }));
  const passages = Array.from({ length: 1_000 }, (_, i) => ({ passage: { text: `passage ${i}`, body: `passage ${i}` } as unknown as IndexedPassage, terms: { tf: [{ passage: 1 }], len: [1] } }));
  const doc = { id: 'bench', title: 'Bench', kind: 'report', kindSource: 'guess', format: 'txt', date: null, dateLabel: null, symbol: null, language: 'en', pages: null, author: null, recipient: null, file: 'b.txt', sha256: 'c'.repeat(64), size: 1, source: 'added', addedBy: 'b', addedAt: 'now', text: 'x', blocks: null } as NewDocument;
  const save = time(() => s.library.save(doc, passages));
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(10)} read ${((read / reads) * 1000).toFixed(0)} µs · write ${((write / writes) * 1000).toFixed(0)} µs · 2 000 planned rows in one transaction ${fmt(plan)} · claim 100 ${fmt(claim)} · a document of 1 000 passages ${fmt(save)}`,
  );
}

const unavailable = postgresUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'pw-bench-stores-'));
try {
  const sqlite = openSqliteStores(dir);
  measure('SQLite', sqlite);
  sqlite.close();
  if (unavailable) console.log(`PostgreSQL skipped: ${unavailable}`);
  else {
    const server = await startPostgres();
    try {
      const pg = openPgStores(defaultPgOptions(await server.createDatabase()));
      measure('PostgreSQL', pg);
      pg.close();
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
