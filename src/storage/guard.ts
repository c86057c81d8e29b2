import { statfsSync, statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from './database.js';

/**
 * What stops the bot from saving: the disk holding the data dir is full, or the database file the bot opened
 * is no longer the one at its path (the data dir was deleted or replaced while it ran).
 */
export type StorageProblem = 'disk-full' | 'data-dir-gone';

export interface StorageStatus {
  ok: boolean;
  problem?: StorageProblem;
  /** one sentence for the operator (the health report), naming the cause */
  detail?: string;
}

/**
 * Watches whether the database can still be written, so a fault is never silent: the core asks it before
 * and after each command and about any error a command throws, the adapters tell it when their own writes
 * fail, and /healthz reports its status.
 */
export interface StorageGuard {
  /** before a command runs: also checks the database file is still the one opened */
  beforeCommand(): void;
  /** after a command succeeded: if it wrote, a full disk noted earlier has room again */
  afterCommand(): void;
  /** whether `err` means nothing could be saved (and remembers why, for the health report) */
  cannotSave(err: unknown): boolean;
  /** a write went through */
  wrote(): void;
  status(): StorageStatus;
  /** checks the database file's identity every `everyMs` until the returned function is called */
  watch(everyMs: number): () => void;
}

/** SQLite's codes for "the disk (or the database's page budget) is full". */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC']);
/** Less than this free on the data dir's disk counts as full: SQLite needs room for its write-ahead log. */
export const MIN_FREE_BYTES = 1024 * 1024;

export interface StorageGuardOptions {
  db: Db;
  /** the database file (its identity, device and inode, is checked against the one opened) */
  file: string;
  /** the data dir: its disk's free space is part of the status */
  dataDir: string;
  logger: Logger;
  /** free bytes on the disk holding `dir` (statfs); replaceable in tests */
  freeBytes?: (dir: string) => number | undefined;
}

const statfsFree = (dir: string): number | undefined => {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
};

const identityOf = (file: string): string | undefined => {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
};

export function storageGuard(options: StorageGuardOptions): StorageGuard {
  const { db, dataDir, file } = options;
  const log = options.logger.child({ module: 'storage' });
  const freeBytes = options.freeBytes ?? statfsFree;
  const changes = db.prepare('SELECT total_changes() AS n').pluck();
  let fullSince: number | undefined;
  let changesBefore = 0;
  const opened = identityOf(file);
  let gone = false;

  /**
   * The data dir deleted (or the file replaced) while the bot runs: SQLite keeps writing into a file nobody
   * can open again, and everything would be lost at the next start. From the moment it is noticed, the
   * connection refuses every write (query_only), so nothing is confirmed that is not kept; reads still answer
   * from the open file until the operator restarts the bot.
   */
  const checkIdentity = (): boolean => {
    if (gone || opened === undefined) return !gone;
    if (identityOf(file) === opened) return true;
    gone = true;
    try {
      db.pragma('query_only = ON');
    } catch {
      // closed already: nothing can write through it anyway
    }
    log.error({ code: 'data-dir-gone' }, 'the database file was deleted or replaced while running; saving is refused until the bot is restarted');
    return false;
  };

  const totalChanges = (): number => {
    try {
      return changes.get() as number;
    } catch {
      return changesBefore;
    }
  };

  return {
    beforeCommand() {
      checkIdentity();
      changesBefore = totalChanges();
    },
    afterCommand() {
      if (totalChanges() > changesBefore) this.wrote();
    },
    cannotSave(err) {
      const code = (err as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && code.startsWith('SQLITE_READONLY') && !checkIdentity()) return true;
      if (typeof code !== 'string' || !FULL_CODES.has(code)) return false;
      if (fullSince === undefined) log.error({ code }, 'the database cannot grow: the disk is full; commands that save are refused until there is room');
      fullSince ??= Date.now();
      return true;
    },
    wrote() {
      if (fullSince !== undefined) log.info('the database is writable again');
      fullSince = undefined;
    },
    status() {
      if (!checkIdentity()) {
        return {
          ok: false,
          problem: 'data-dir-gone',
          detail: 'data dir gone: the database file was deleted or replaced while the bot ran; nothing is saved now. Restore the data dir from a backup (or let a new one be made) and restart the bot',
        };
      }
      const free = freeBytes(dataDir);
      if (free !== undefined && free < MIN_FREE_BYTES) {
        return { ok: false, problem: 'disk-full', detail: `disk full: the disk holding the data dir has ${Math.floor(free / 1024)} KiB free; saving fails until there is room` };
      }
      if (fullSince !== undefined) {
        return { ok: false, problem: 'disk-full', detail: 'disk full: the last write failed with SQLITE_FULL (no room to grow the database); saving fails until a write succeeds again' };
      }
      return { ok: true };
    },
    watch(everyMs) {
      const timer = setInterval(checkIdentity, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
