import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { IDBKeyRange } from 'fake-indexeddb';
import { createClient } from 'matrix-js-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { openPersistedIdb, type PersistedIdb } from '../../../adapters/matrix/crypto-store/persisted-idb.js';
import { CryptoStoreKeyError, storeCipher, storeKeyFrom } from '../../../adapters/matrix/crypto-store/store-cipher.js';
import { openDatabase } from '../../../src/storage/database.js';
import { sqliteKeyValue, type KeyValue } from '../../../src/storage/key-value.js';
import { storageMigrations, storageSplitMigrations } from '../../../src/storage/migrations.js';
import { seededRandom } from '../../fakes/random.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../../fakes/postgres.js';
import { cryptoKeys } from '../../../adapters/matrix/crypto-store/keys.js';
import { runDoctor } from '../../../src/ops/doctor.js';
import { defaultPgOptions } from '../../../src/storage/pg/session.js';
import { openPgStores } from '../../../src/stores.js';

const migrations = [...storageMigrations, ...storageSplitMigrations];

/** a real SQLite key-value store in a temp dir; `reopen` opens the same file again, as a restarted process would */
function sqliteStore() {
  const file = join(tempDir(), 'pledgewatch.db');
  const open = (): KeyValue => sqliteKeyValue(openDatabase(file, migrations));
  return { kv: open(), reopen: open };
}

type Idb = PersistedIdb['factory'];

// the IndexedDB API is untyped here (no DOM lib in this project)
/* eslint-disable @typescript-eslint/no-explicit-any */
function request(req: any): Promise<any> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function openDb(factory: Idb, version = 1): Promise<any> {
  const req: any = factory.open('crypto', version);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('keys')) db.createObjectStore('keys');
    if (!db.objectStoreNames.contains('sessions')) db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('room', 'room');
  };
  return request(req);
}

function done(tx: any): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(new Error('aborted'));
  });
}

const zip = (c: { keys: any[]; values: any[] }) => c.keys.map((k, i) => [k, c.values[i]] as [string, unknown]);

async function contents(factory: Idb): Promise<{ keys: any[]; values: any[]; sessions: any[] }> {
  const db = await openDb(factory);
  const tx = db.transaction(['keys', 'sessions'], 'readonly');
  const keys = await request(tx.objectStore('keys').getAllKeys());
  const values = await request(tx.objectStore('keys').getAll());
  const sessions = await request(tx.objectStore('sessions').index('room').getAll('!a'));
  db.close();
  return { keys, values, sessions };
}

describe('the persisted crypto store (fake-indexeddb written through to the key-value store)', () => {
  const cipher = storeCipher(randomBytes(32));

  it('comes back after a crash with every committed transaction and none of an aborted one', async () => {
    const { kv, reopen } = sqliteStore();
    const store = await openPersistedIdb({ kv, cipher });
    const db = await openDb(store.factory);
    let tx = db.transaction(['keys', 'sessions'], 'readwrite');
    for (let i = 0; i < 10; i++) tx.objectStore('keys').put({ n: i, bytes: new Uint8Array([i, 1, 2]), map: new Map([['a', i]]) }, `k${i}`);
    tx.objectStore('sessions').put({ id: 's1', room: '!a' });
    tx.objectStore('sessions').put({ id: 's2', room: '!b' });
    await done(tx);
    tx = db.transaction(['keys'], 'readwrite');
    tx.objectStore('keys').delete('k0');
    tx.objectStore('keys').delete(IDBKeyRange.bound('k7', 'k9'));
    await done(tx);
    tx = db.transaction(['keys'], 'readwrite');
    const cursorReq = tx.objectStore('keys').openCursor('k2');
    cursorReq.onsuccess = () => cursorReq.result?.update({ n: 'updated' });
    await done(tx);
    tx = db.transaction(['keys'], 'readwrite');
    tx.objectStore('keys').put({ n: 'never' }, 'k3');
    const aborted = new Promise((resolve) => (tx.onabort = () => resolve('aborted')));
    tx.abort();
    expect(await aborted).toBe('aborted');
    const before = await contents(store.factory);
    // no close(): the process "dies" here; a new one opens the same database file
    const again = await openPersistedIdb({ kv: reopen(), cipher });
    const after = await contents(again.factory);
    expect(after).toEqual(before);
    expect(after.keys).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(after.values[1]).toEqual({ n: 'updated' });
    expect(after.values[2]).toMatchObject({ n: 3, bytes: new Uint8Array([3, 1, 2]), map: new Map([['a', 3]]) });
    expect(after.sessions).toEqual([{ id: 's1', room: '!a' }]);
    again.close();
    db.close();
    store.close();
  });

  it('compacts the journal into a snapshot, dropping the entries behind it', async () => {
    const { kv, reopen } = sqliteStore();
    const store = await openPersistedIdb({ kv, cipher, maxJournalEntries: 5 });
    const db = await openDb(store.factory);
    for (let i = 0; i < 12; i++) {
      const tx = db.transaction(['keys'], 'readwrite');
      tx.objectStore('keys').put(i, `k${String(i).padStart(2, '0')}`);
      await done(tx);
    }
    expect(store.stats().journalEntries).toBeLessThan(5);
    const head = JSON.parse(kv.get('matrix:crypto:head')!) as { gen: number; from: number };
    expect(kv.get(`matrix:crypto:snap:${head.gen - 1}`)).toBeUndefined();
    expect(kv.get(`matrix:crypto:j:${head.from - 1}`)).toBeUndefined();
    const again = await openPersistedIdb({ kv: reopen(), cipher });
    expect((await contents(again.factory)).values).toEqual([...Array(12).keys()]);
    db.close();
    again.close();
  });

  it('after crashes at random points between random transactions, holds exactly what was committed (journal and compaction alike)', async () => {
    const seed = 1912;
    const rnd = seededRandom(seed);
    const pick = (n: number) => Math.floor(rnd() * n);
    const { reopen } = sqliteStore();
    const committed = new Map<string, number>();
    for (let run = 0; run < 4; run++) {
      const store = await openPersistedIdb({ kv: reopen(), cipher, maxJournalEntries: 7 });
      const db = await openDb(store.factory);
      expect(Object.fromEntries(zip(await contents(store.factory)))).toEqual(Object.fromEntries(committed));
      for (let t = 0, n = 5 + pick(20); t < n; t++) {
        const tx = db.transaction(['keys'], 'readwrite');
        const keys = tx.objectStore('keys');
        const next = new Map(committed);
        for (let op = 0, m = 1 + pick(4); op < m; op++) {
          const k = `k${pick(30).toString().padStart(2, '0')}`;
          const r = rnd();
          if (r < 0.6) {
            const v = pick(1000);
            keys.put(v, k);
            next.set(k, v);
          } else if (r < 0.8) {
            keys.delete(k);
            next.delete(k);
          } else if (r < 0.95) {
            const upper = `k${(Number(k.slice(1)) + pick(10)).toString().padStart(2, '0')}`;
            keys.delete(IDBKeyRange.bound(k, upper));
            for (const key of [...next.keys()]) if (key >= k && key <= upper) next.delete(key);
          } else {
            keys.clear();
            next.clear();
          }
        }
        if (rnd() < 0.15) {
          const aborted = new Promise((resolve) => (tx.onabort = resolve));
          tx.abort();
          await aborted;
        } else {
          await done(tx);
          committed.clear();
          for (const [k, v] of next) committed.set(k, v);
        }
      }
      db.close();
      if (run === 2) store.close(); // one clean stop among the crashes
    }
    const last = await openPersistedIdb({ kv: reopen(), cipher });
    expect(Object.fromEntries(zip(await contents(last.factory)))).toEqual(Object.fromEntries(committed));
    last.close();
  });

  it('refuses to open with another key, and nothing in the database is readable without it', async () => {
    const { kv, reopen } = sqliteStore();
    const store = await openPersistedIdb({ kv, cipher });
    const db = await openDb(store.factory);
    const tx = db.transaction(['keys'], 'readwrite');
    tx.objectStore('keys').put('a-secret-room-key', 'k');
    await done(tx);
    store.close();
    const sealed = kv.get('matrix:crypto:snap:2') ?? kv.get('matrix:crypto:snap:1') ?? '';
    expect(sealed).not.toContain('secret');
    await expect(openPersistedIdb({ kv: reopen(), cipher: storeCipher(randomBytes(32)) })).rejects.toBeInstanceOf(CryptoStoreKeyError);
    db.close();
  });

  it('derives the same key from the same passphrase with the salt kept beside the store', () => {
    const { kv } = sqliteStore();
    const a = storeKeyFrom({ passphrase: 'correct horse' }, kv, 'matrix:crypto:salt');
    expect(storeKeyFrom({ passphrase: 'correct horse' }, kv, 'matrix:crypto:salt')).toEqual(a);
    expect(storeKeyFrom({ passphrase: 'wrong horse' }, kv, 'matrix:crypto:salt')).not.toEqual(a);
  });

  it('gives the Rust crypto back the same identity and device keys after a crash', async () => {
    const { kv, reopen } = sqliteStore();
    const identity = async (store: PersistedIdb) => {
      store.install();
      const client = createClient({ baseUrl: 'http://127.0.0.1:9', userId: '@bot:example.org', deviceId: 'BOTDEVICE' });
      await client.initRustCrypto();
      const keys = await client.getCrypto()!.getOwnDeviceKeys();
      client.stopClient();
      return keys;
    };
    const first = await identity(await openPersistedIdb({ kv, cipher }));
    // no close(): a kill -9 right after the crypto was set up
    const second = await identity(await openPersistedIdb({ kv: reopen(), cipher }));
    expect(second).toEqual(first);
  }, 30_000);
});

const pgUnavailable = postgresUnavailable();
if (pgUnavailable && process.env.CI !== 'true') console.log(`crypto-store.test.ts: the PostgreSQL part skipped: ${pgUnavailable}`);

describe.runIf(!pgUnavailable || process.env.CI === 'true')('the persisted crypto store on PostgreSQL', () => {
  let server: TestPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('gives another process on the same database the same identity, and doctor reads it there', async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    const key = randomBytes(32);
    const identity = async () => {
      const stores = openPgStores(defaultPgOptions(url));
      const store = await openPersistedIdb({ kv: stores.kv, cipher: storeCipher(key), prefix: cryptoKeys.prefix });
      store.install();
      const client = createClient({ baseUrl: 'http://127.0.0.1:9', userId: '@pw:example.org', deviceId: 'PGDEVICE' });
      await client.initRustCrypto();
      const keys = await client.getCrypto()!.getOwnDeviceKeys();
      client.stopClient();
      stores.kv.set(cryptoKeys.device, JSON.stringify({ userId: '@pw:example.org', deviceId: 'PGDEVICE' }));
      stores.kv.set(cryptoKeys.identity, JSON.stringify({ userId: '@pw:example.org', deviceId: 'PGDEVICE', ...keys }));
      stores.close(); // no store.close(): the first "replica" dies without a final snapshot
      return keys;
    };
    const first = await identity();
    expect(await identity()).toEqual(first);
    const whoami = (async () => new Response(JSON.stringify({ user_id: '@pw:example.org', device_id: 'PGDEVICE' }), { status: 200 })) as typeof fetch;
    const env = { PLEDGEWATCH_DATA_DIR: tempDir(), DATABASE_URL: url, MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_USER_ID: '@pw:example.org', MATRIX_ACCESS_TOKEN: 'syt_secret', MATRIX_CRYPTO_STORE_KEY: key.toString('base64') };
    const found = (await runDoctor(env, { fetch: whoami })).find((f) => f.check === 'matrix crypto store');
    expect(found).toMatchObject({ ok: true, message: expect.stringContaining(`device PGDEVICE, key ${first.ed25519.slice(0, 4)} `) });
  }, 120_000);
});

