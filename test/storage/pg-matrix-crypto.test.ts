import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPersistedIdb } from '../../adapters/matrix/crypto-store/persisted-idb.js';
import { parseStoreKey, storeCipher } from '../../adapters/matrix/crypto-store/store-cipher.js';
import type { Config, MatrixConfig } from '../../src/config/config.js';
import { checkMatrixCryptoStore } from '../../src/ops/doctor-matrix-crypto.js';
import { defaultPgOptions } from '../../src/storage/pg/session.js';
import { openPgStores } from '../../src/stores.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { tempDir } from '../fakes/temp-dir.js';

/** The Matrix crypto store (encrypted rooms) goes through the key-value port: on PostgreSQL it lives there too. */

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`pg-matrix-crypto.test.ts skipped: ${unavailable}`);

/* eslint-disable @typescript-eslint/no-explicit-any */
const request = (req: any): Promise<any> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

describe.runIf(!unavailable || process.env.CI === 'true')('the Matrix crypto store on PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('keeps what the crypto committed across a restart, and doctor reads it from PostgreSQL with the key', async () => {
    const url = await server.createDatabase();
    const keyText = randomBytes(32).toString('base64');
    const cipher = storeCipher(parseStoreKey(keyText));
    const first = openPgStores(defaultPgOptions(url));
    const store = await openPersistedIdb({ kv: first.kv, cipher });
    const open: any = store.factory.open('crypto', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    const db = await request(open);
    const tx = db.transaction(['keys'], 'readwrite');
    tx.objectStore('keys').put({ olm: new Uint8Array([1, 2, 3]) }, 'account');
    await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
    db.close();
    store.close();
    first.close();

    const again = openPgStores(defaultPgOptions(url));
    try {
      const reopened = await openPersistedIdb({ kv: again.kv, cipher });
      const db2 = await request(reopened.factory.open('crypto', 1));
      expect(await request(db2.transaction(['keys'], 'readonly').objectStore('keys').get('account'))).toEqual({ olm: new Uint8Array([1, 2, 3]) });
      db2.close();
      reopened.close();
    } finally {
      again.close();
    }

    const matrix = { cryptoStore: { key: keyText } } as MatrixConfig;
    const finding = checkMatrixCryptoStore({ dataDir: tempDir(), matrix, database: { url, poolSize: 1, timeoutMs: 10_000 } } as unknown as Config, undefined);
    expect(finding).toMatchObject({ ok: true, message: expect.stringMatching(/^The crypto store opens with the key/) });
    const wrong = checkMatrixCryptoStore({ dataDir: tempDir(), matrix: { cryptoStore: { key: randomBytes(32).toString('base64') } } as MatrixConfig, database: { url, poolSize: 1, timeoutMs: 10_000 } } as unknown as Config, undefined);
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/different key/) });
  });
});
