import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SharedFile } from '../kernel/shared-file.js';
import { UserError } from '../kernel/errors.js';
import { tooLarge } from './read.js';

export interface DownloadLimits {
  /** where downloads are written while they arrive (the data dir's `incoming/`) */
  dir: string;
  /** PLEDGEWATCH_MAX_FILE_MB, in bytes */
  maxFileBytes: number;
  /** PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS, in ms: for the whole download, however slowly the bytes trickle */
  timeoutMs: number;
}

/** A part-file older than this was left by a process that died mid-download. */
const STALE_MS = 24 * 3_600_000;

/**
 * Downloads a shared file to a temporary file of its own, streamed: never more than one chunk in memory, never
 * more than the limit on disk (the count is ours, so a platform that declared a smaller size cannot slip a larger
 * file through), and never longer than the timeout (a stalled or trickling download is cut off). Resolves with
 * the file's path, which the caller removes; every failure is a UserError with its sentence, and leaves nothing behind.
 */
export async function downloadToTempFile(file: SharedFile, limits: DownloadLimits, now: number): Promise<{ path: string; bytes: number }> {
  const { maxFileBytes } = limits;
  if (file.size !== undefined && file.size > maxFileBytes) throw tooLarge(file.name, file.size, maxFileBytes);
  mkdirSync(limits.dir, { recursive: true, mode: 0o700 });
  removeStale(limits.dir, now);
  const path = join(limits.dir, `${randomBytes(12).toString('hex')}.part`);
  const controller = new AbortController();
  let stopped: 'timeout' | 'too-large' | undefined;
  const timer = setTimeout(() => {
    stopped = 'timeout';
    controller.abort();
  }, limits.timeoutMs);
  let bytes = 0;
  try {
    const body = await untilAborted(file.open(controller.signal), controller.signal);
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes <= maxFileBytes) return done(null, chunk);
        stopped = 'too-large';
        controller.abort();
        done(new Error('over the limit'));
      },
    });
    await pipeline(body, count, createWriteStream(path, { flags: 'wx', mode: 0o600 }), { signal: controller.signal });
    return { path, bytes };
  } catch (err) {
    rmSync(path, { force: true });
    if (stopped === 'too-large') throw tooLarge(file.name, maxFileBytes, maxFileBytes, true);
    if (stopped === 'timeout') {
      throw withCause(new UserError('download-timeout', `${file.name} took longer than ${seconds(limits.timeoutMs)} to download, so I stopped.`, 'Share it again in a moment; an operator can raise PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS.'), err);
    }
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw withCause(new UserError('disk-full', `I could not keep ${file.name}: the bot’s disk is full.`, 'Tell the operator: the health check names the cause.'), err);
    throw withCause(new UserError('download-failed', `${file.name} could not be downloaded.`, 'Share it again in a moment.'), err);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or a rejection as soon as `signal` aborts (a platform call that ignores the signal cannot hold the timeout up). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function removeStale(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.part')) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`);

/** The cause goes to the log (its code), never to the user. */
function withCause(e: UserError, cause: unknown): UserError {
  return Object.assign(e, { cause });
}
