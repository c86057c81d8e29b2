import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { KeyValue } from '../../../src/storage/key-value.js';

/** How long a holder's last sign of life keeps the store its own (it renews every third of that). */
export const HOLD_MS = 30_000;

export interface Holding {
  pid: number;
  host: string;
  token: string;
  at: number;
}

export class CryptoStoreHeldError extends Error {
  constructor(readonly holder: Holding) {
    super(
      `Another pledgewatch process (pid ${holder.pid} on ${holder.host}) holds the Matrix crypto store; two processes on one device would break its encryption. Stop the other one, or wait ${Math.round(HOLD_MS / 1000)} s after it died on another machine.`,
    );
    this.name = 'CryptoStoreHeldError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time holds the crypto store (one device, one Olm account: two processes using it would each
 * upload one-time keys the other does not have). The holder is a record in the same key-value store as the
 * crypto store, renewed while it runs: a record younger than HOLD_MS keeps others out, unless it names a process
 * on this machine that no longer exists (a kill -9 and a restart need not wait).
 */
export function holdCryptoStore(kv: KeyValue, key: string, now: () => number, onLost: () => void) {
  const mine: Holding = { pid: process.pid, host: hostname(), token: randomBytes(9).toString('base64url'), at: now() };
  const read = (): Holding | undefined => {
    const text = kv.get(key);
    return text ? (JSON.parse(text) as Holding) : undefined;
  };
  const other = read();
  if (other && other.token !== mine.token && now() - other.at < HOLD_MS && !(other.host === mine.host && (other.pid === process.pid || !alive(other.pid)))) {
    throw new CryptoStoreHeldError(other);
  }
  kv.set(key, JSON.stringify(mine));
  let lost = false;
  const timer = setInterval(() => {
    const current = read();
    if (current?.token !== mine.token) {
      if (!lost) onLost();
      lost = true;
      return;
    }
    mine.at = now();
    kv.set(key, JSON.stringify(mine));
  }, HOLD_MS / 3);
  timer.unref();
  return {
    get held() {
      return !lost;
    },
    release() {
      clearInterval(timer);
      if (read()?.token === mine.token) kv.delete(key);
    },
  };
}

export function currentHolder(kv: KeyValue, key: string): Holding | undefined {
  const text = kv.get(key);
  return text ? (JSON.parse(text) as Holding) : undefined;
}
