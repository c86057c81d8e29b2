import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { inspectCryptoStore } from '../../adapters/matrix/crypto-store/inspect.js';
import { fingerprintOf } from '../../adapters/matrix/crypto-store/keys.js';
import type { Config, MatrixConfig } from '../config/config.js';
import type { KeyValue } from '../storage/key-value.js';
import { pgKeyValue } from '../storage/pg/state.js';
import { defaultPgOptions, openPg } from '../storage/pg/session.js';
import { DATABASE_FILE } from './doctor-storage.js';
import type { Finding } from './finding.js';

/**
 * The Matrix crypto store (encrypted rooms, docs/matrix.md): whose device it is, that every record opens with the
 * configured key, that it belongs to the device the access token is for, and which process holds it now. Reads the
 * database (the SQLite file, or PostgreSQL with DATABASE_URL) and changes nothing.
 */
export function checkMatrixCryptoStore(config: Config, tokenDevice: string | undefined, now = Date.now()): Finding {
  const check = 'matrix crypto store';
  const fresh: Finding = { ok: true, check, message: `There is no crypto store yet; the bot makes it at its first start, for ${tokenDevice ? `device ${tokenDevice}` : 'the device of MATRIX_ACCESS_TOKEN'}.` };
  try {
    if (config.database) {
      const db = openPg({ ...defaultPgOptions(config.database.url), poolMax: 1, connectTimeoutMs: Math.min(config.database.timeoutMs, 10_000), statementTimeoutMs: config.database.timeoutMs, applicationName: 'pledgewatch doctor' });
      try {
        if (!db.get<{ t: string | null }>("SELECT to_regclass('key_value')::text AS t")?.t) return fresh;
        return finding(pgKeyValue(db), config.matrix!, tokenDevice, now, fresh);
      } finally {
        db.close();
      }
    }
    const file = join(config.dataDir, DATABASE_FILE);
    if (!existsSync(file)) return fresh;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const hasTable = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'key_value'").pluck().get() as number;
      if (!hasTable) return fresh;
      const get = db.prepare('SELECT value FROM key_value WHERE key = ?').pluck();
      return finding({ get: (k) => get.get(k) as string | undefined }, config.matrix!, tokenDevice, now, fresh);
    } finally {
      db.close();
    }
  } catch (err) {
    return { ok: false, check, message: `The crypto store could not be read (${(err as { code?: string }).code ?? (err as Error).name}).`, fix: 'Run doctor again once the database check above passes.' };
  }
}

function finding(kv: Pick<KeyValue, 'get'>, matrix: MatrixConfig, tokenDevice: string | undefined, now: number, fresh: Finding): Finding {
  const check = 'matrix crypto store';
  const relogin = 'Keep the store and find the key it was made with; only if both are lost, log the bot in afresh (a new device; docs/matrix.md, "Encrypted rooms") with an empty store.';
  const r = inspectCryptoStore(kv, matrix.cryptoStore!, now);
  if (!r.exists) return fresh;
  if (!r.readable) return { ok: false, check, message: `The crypto store cannot be opened: ${r.problem}.`, fix: `Set MATRIX_CRYPTO_STORE_KEY (or _PASSPHRASE) to the one the store was made with. ${relogin}` };
  if (tokenDevice && r.deviceId && tokenDevice !== r.deviceId) {
    return { ok: false, check, message: `MATRIX_ACCESS_TOKEN belongs to device ${tokenDevice}, but the crypto store belongs to device ${r.deviceId}.`, fix: `Use the token that was made with this store. ${relogin}` };
  }
  const who = r.identity
    ? `device ${r.identity.deviceId}, key ${fingerprintOf(r.identity.ed25519)}, ${r.identity.crossSigned ? 'cross-signed' : 'not cross-signed (docs/matrix.md, "Verifying")'}`
    : `device ${r.deviceId ?? 'unknown'}`;
  const holder = r.holder ? `held by pid ${r.holder.pid} on ${r.holder.host} (seen ${Math.round(r.holder.ageMs / 1000)} s ago)` : 'no process holds it now';
  return { ok: true, check, message: `The crypto store opens with the key: ${who}; ${Math.round(r.bytes / 1024)} KiB; ${holder}.` };
}
