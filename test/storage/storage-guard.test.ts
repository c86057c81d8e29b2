import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { healthReport } from '../../src/ops/health.js';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { MIN_FREE_BYTES, storageGuard } from '../../src/storage/guard.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

/** A database that cannot grow: its page budget (max_page_count) is used up, so the next insert gets SQLITE_FULL. */
function fullDatabase(): { db: Db; dir: string; error: unknown } {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'full.db'), [{ id: 'filler', up: 'CREATE TABLE filler (n INTEGER PRIMARY KEY, b BLOB)' }]);
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 4}`);
  const insert = db.prepare('INSERT INTO filler (b) VALUES (zeroblob(3000))');
  for (let i = 0; i < 100; i++) {
    try {
      insert.run();
    } catch (error) {
      return { db, dir, error };
    }
  }
  throw new Error('the database never filled up');
}

const healthOf = (db: Db, storage: ReturnType<typeof storageGuard>) =>
  healthReport({ db, storage, clock: new FakeClock('2026-01-01T00:10:00Z'), adapters: () => [], lastReminderTick: () => new Date('2026-01-01T00:09:30Z') });

describe('the storage guard', () => {
  it('knows SQLITE_FULL for what it is, turns health 503 naming the disk, and clears once a write goes through', () => {
    const { db, dir, error } = fullDatabase();
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    const guard = storageGuard({ db, file: join(dir, 'full.db'), dataDir: dir, logger: silentLogger() });
    expect(healthOf(db, guard)).toMatchObject({ ok: true, database: { ok: true } });

    expect(guard.cannotSave(new Error('a bug, not a full disk'))).toBe(false);
    expect(guard.cannotSave(error)).toBe(true);
    expect(healthOf(db, guard)).toMatchObject({ ok: false, database: { ok: false, problem: expect.stringMatching(/^disk full: .*SQLITE_FULL/) } });

    // A command that wrote something (total_changes grew) shows the database takes writes again.
    db.pragma('max_page_count = 100000');
    guard.beforeCommand();
    db.prepare('INSERT INTO filler (b) VALUES (NULL)').run();
    guard.afterCommand();
    expect(healthOf(db, guard)).toMatchObject({ ok: true, database: { ok: true } });
    db.close();
  });

  it('reports a disk with less than 1 MiB free as full, whatever the database says', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'x.db'), []);
    let free = 10 * MIN_FREE_BYTES;
    const guard = storageGuard({ db, file: join(dir, 'x.db'), dataDir: dir, logger: silentLogger(), freeBytes: () => free });
    expect(guard.status()).toEqual({ ok: true });
    free = 12 * 1024;
    expect(guard.status()).toMatchObject({ ok: false, problem: 'disk-full', detail: expect.stringMatching(/^disk full: the disk holding the data dir has 12 KiB free/) });
    db.close();
  });

  it('notices the data dir deleted under it: from then on writes are refused, reads still work, health names the cause', () => {
    const dir = join(tempDir(), 'data');
    const file = join(dir, 'pledgewatch.db');
    const db = openDatabase(file, [{ id: 't', up: 'CREATE TABLE t (x TEXT)' }]);
    db.prepare("INSERT INTO t VALUES ('kept')").run();
    const guard = storageGuard({ db, file, dataDir: dir, logger: silentLogger() });
    expect(healthOf(db, guard).ok).toBe(true);

    rmSync(dir, { recursive: true, force: true });
    guard.beforeCommand();
    let refused: unknown;
    try {
      db.prepare("INSERT INTO t VALUES ('lost')").run();
    } catch (err) {
      refused = err;
    }
    expect((refused as { code?: string }).code).toBe('SQLITE_READONLY');
    expect(guard.cannotSave(refused)).toBe(true);
    expect(db.prepare('SELECT x FROM t').pluck().all()).toEqual(['kept']);
    expect(healthOf(db, guard)).toMatchObject({ ok: false, database: { ok: false, problem: expect.stringMatching(/^data dir gone: /) } });
    db.close();
  });

  it('notices a database file replaced by another one (same path, another inode) on its timer', async () => {
    const dir = tempDir();
    const file = join(dir, 'pledgewatch.db');
    const db = openDatabase(file, []);
    const other = openDatabase(join(dir, 'other.db'), []);
    other.close();
    const guard = storageGuard({ db, file, dataDir: dir, logger: silentLogger() });
    const stop = guard.watch(1);
    renameSync(join(dir, 'other.db'), file);
    await expect.poll(() => (db.pragma('query_only', { simple: true }) as number)).toBe(1);
    stop();
    expect(guard.status()).toMatchObject({ ok: false, problem: 'data-dir-gone' });
    db.close();
  });
});
