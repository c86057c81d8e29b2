import type { Logger } from 'pino';
import type { StorageGuard } from '../guard.js';

/** PostgreSQL's SQLSTATEs for "the server cannot store more": disk full, out of memory, too many connections. */
const FULL_CODES = new Set(['53100', '53200', '53300']);

/**
 * The storage guard on PostgreSQL: the data dir holds no state the bot needs, so only the server's answers
 * count. A write refused for room (53100 disk full and its kin) makes the status unhealthy, naming it, until
 * a command or write goes through again.
 */
export function pgStorageGuard(options: { logger: Logger }): StorageGuard {
  const log = options.logger.child({ module: 'storage' });
  let fullSince: number | undefined;
  let fullCode: string | undefined;
  return {
    beforeCommand() {},
    // A command that finished without a refused write: the server takes writes again (or it wrote nothing,
    // and the next refused write marks the status again).
    afterCommand() {
      this.wrote();
    },
    cannotSave(err) {
      const code = (err as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string' || !FULL_CODES.has(code)) return false;
      if (fullSince === undefined) log.error({ code }, 'the PostgreSQL server refused a write for lack of room; commands that save are refused until one goes through');
      fullSince ??= Date.now();
      fullCode = code;
      return true;
    },
    wrote() {
      if (fullSince !== undefined) log.info('the database is writable again');
      fullSince = undefined;
    },
    status() {
      if (fullSince !== undefined) return { ok: false, problem: 'disk-full', detail: `database full: the PostgreSQL server refused the last write (SQLSTATE ${fullCode}); saving fails until a write succeeds again` };
      return { ok: true };
    },
    watch: () => () => undefined,
  };
}
