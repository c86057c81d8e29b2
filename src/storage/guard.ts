import { statfsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from './database.js';

/** What stops the bot from saving: the disk holding the data dir is full. */
export type StorageProblem = 'disk-full';

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
  /** before a command runs */
  beforeCommand(): void;
  /** after a command succeeded: if it wrote, a full disk noted earlier has room again */
  afterCommand(): void;
  /** whether `err` means nothing could be saved (and remembers why, for the health report) */
  cannotSave(err: unknown): boolean;
  /** a write went through */
  wrote(): void;
  status(): StorageStatus;
}

/** SQLite's codes for "the disk (or the database's page budget) is full". */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC']);
/** Less than this free on the data dir's disk counts as full: SQLite needs room for its write-ahead log. */
export const MIN_FREE_BYTES = 1024 * 1024;

export interface StorageGuardOptions {
  db: Db;
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

export function storageGuard(options: StorageGuardOptions): StorageGuard {
  const { db, dataDir } = options;
  const log = options.logger.child({ module: 'storage' });
  const freeBytes = options.freeBytes ?? statfsFree;
  const changes = db.prepare('SELECT total_changes() AS n').pluck();
  let fullSince: number | undefined;
  let changesBefore = 0;

  const totalChanges = (): number => {
    try {
      return changes.get() as number;
    } catch {
      return changesBefore;
    }
  };

  return {
    beforeCommand() {
      changesBefore = totalChanges();
    },
    afterCommand() {
      if (totalChanges() > changesBefore) this.wrote();
    },
    cannotSave(err) {
      const code = (err as { code?: unknown } | undefined)?.code;
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
      const free = freeBytes(dataDir);
      if (free !== undefined && free < MIN_FREE_BYTES) {
        return { ok: false, problem: 'disk-full', detail: `disk full: the disk holding the data dir has ${Math.floor(free / 1024)} KiB free; saving fails until there is room` };
      }
      if (fullSince !== undefined) {
        return { ok: false, problem: 'disk-full', detail: 'disk full: the last write failed with SQLITE_FULL (no room to grow the database); saving fails until a write succeeds again' };
      }
      return { ok: true };
    },
  };
}
