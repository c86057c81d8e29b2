import { deserialize, serialize } from 'node:v8';
import * as fake from 'fake-indexeddb';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { KeyValue } from '../../../src/storage/key-value.js';
import { installHooks, type Factory, type RawDatabase, type RawFactory, type RawObjectStore, type RawTransaction } from './idb-internals.js';
import { CryptoStoreKeyError, type StoreCipher } from './store-cipher.js';

/**
 * An IndexedDB for the Rust crypto that survives the process: fake-indexeddb (maintained, in memory) holds the
 * databases, and every committed read-write transaction is written through to the key-value store before the
 * transaction's `complete` event reaches the crypto code, so nothing the crypto code considers saved (an identity,
 * a room key, the mark that a to-device batch was handled) can be lost by a kill -9 afterwards.
 *
 * Layout in the key-value store, under `prefix`:
 * - `head`: JSON {gen, from, keyId}: the snapshot generation and the first journal entry after it;
 * - `snap:<gen>`: every database, object store, index definition and record at one moment;
 * - `j:<n>`: one committed transaction's changes (records put or deleted), n = from, from+1, … with no gap.
 * A schema change (a database opened at a new version, or deleted) writes a new snapshot instead of an entry; so
 * does a journal grown past its bound (compaction), and close(). Every record is sealed (store-cipher.ts). Each
 * write is one key-value `set`, so a crash leaves either the old or the new state, never half of one.
 */
export interface PersistedIdb {
  /** the IndexedDB to hand the crypto code (install() makes it the global one) */
  readonly factory: Factory;
  /** makes `factory` globalThis.indexedDB (with the IDB* classes): the Rust crypto finds its store there */
  install(): void;
  /** writes a fresh snapshot and drops the journal behind it */
  compact(): void;
  /** a final snapshot; later transactions are no longer written */
  close(): void;
  stats(): CryptoStoreStats;
  /** set when a write failed: from then on the store is not durable (the adapter stops syncing) */
  readonly failure: Error | undefined;
}

export interface CryptoStoreStats {
  records: number;
  snapshotBytes: number;
  journalEntries: number;
  journalBytes: number;
}

export interface PersistedIdbOptions {
  kv: KeyValue;
  cipher: StoreCipher;
  /** key-value prefix (default matrix:crypto) */
  prefix?: string;
  /** compaction when the journal has this many entries (default 500) … */
  maxJournalEntries?: number;
  /** … or this many bytes and more than the snapshot (default 4 MiB) */
  maxJournalBytes?: number;
  /** a write to the key-value store failed (full disk, database gone) */
  onFailure?: (err: Error) => void;
}

interface Head {
  gen: number;
  from: number;
  keyId: string;
  /** left by a compaction for the next start to clear, in case it died before clearing them */
  prev?: { gen: number; from: number; to: number };
}

interface StoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
  records: [unknown, unknown][];
}
interface DbDump {
  name: string;
  version: number;
  stores: StoreDump[];
}
/** one change: [database, store, key, value] for a put, [database, store, key] for a delete */
type Op = [string, string, unknown, unknown?];

const owners = new Map<RawFactory, Persister>();
/** per transaction (by its rollback log): the records it touched */
const touchedBy = new WeakMap<unknown[], Map<RawObjectStore, Map<string, unknown>>>();

const keyId = (key: unknown) => serialize(key).toString('base64');

const hooks = {
  touched(store: RawObjectStore, keys: unknown[], rollbackLog: unknown[]) {
    let stores = touchedBy.get(rollbackLog);
    if (!stores) touchedBy.set(rollbackLog, (stores = new Map()));
    let touched = stores.get(store);
    if (!touched) stores.set(store, (touched = new Map()));
    for (const k of keys) touched.set(keyId(k), k);
  },
  finished(tx: RawTransaction, committed: boolean) {
    const touched = touchedBy.get(tx._rollbackLog);
    touchedBy.delete(tx._rollbackLog);
    if (!committed) return;
    const owner = ownerOf(tx.db._rawDatabase);
    if (!owner) return;
    if (tx.mode === 'versionchange') owner.snapshot();
    else if (touched) owner.journal(touched);
  },
  deleted(factory: RawFactory) {
    owners.get(factory)?.snapshot();
  },
};

function ownerOf(db: RawDatabase): Persister | undefined {
  for (const [factory, owner] of owners) if (factory._databases.get(db.name) === db) return owner;
  return undefined;
}

class Persister {
  failure: Error | undefined;
  private closed = false;
  private journalBytes = 0;
  private snapshotBytes = 0;
  constructor(
    private readonly factory: RawFactory,
    private readonly opts: PersistedIdbOptions & { prefix: string },
    private head: Head,
    private next: number,
  ) {}

  private name(part: string) {
    return `${this.opts.prefix}:${part}`;
  }

  private write(fn: () => void) {
    if (this.closed || this.failure) return;
    try {
      fn();
    } catch (err) {
      this.failure = err as Error;
      this.opts.onFailure?.(this.failure);
    }
  }

  journal(touched: Map<RawObjectStore, Map<string, unknown>>) {
    const ops: Op[] = [];
    for (const [store, keys] of touched) {
      if (store.deleted) continue;
      for (const key of keys.values()) {
        const rec = store.records.get(key);
        ops.push(rec ? [store.rawDatabase.name, store.name, key, rec.value] : [store.rawDatabase.name, store.name, key]);
      }
    }
    if (!ops.length) return;
    this.write(() => {
      const name = this.name(`j:${this.next}`);
      const sealed = this.opts.cipher.seal(name, serialize(ops));
      this.opts.kv.set(name, sealed);
      this.next++;
      this.journalBytes += sealed.length;
    });
    const entries = this.next - this.head.from;
    if (entries >= (this.opts.maxJournalEntries ?? 500) || (this.journalBytes >= (this.opts.maxJournalBytes ?? 4 * 2 ** 20) && this.journalBytes > this.snapshotBytes)) this.snapshot();
  }

  snapshot() {
    this.write(() => {
      const gen = this.head.gen + 1;
      const name = this.name(`snap:${gen}`);
      const sealed = this.opts.cipher.seal(name, serialize(dump(this.factory)));
      this.opts.kv.set(name, sealed);
      const old = this.head;
      this.head = { gen, from: this.next, keyId: old.keyId, prev: { gen: old.gen, from: old.from, to: this.next } };
      this.opts.kv.set(this.name('head'), JSON.stringify(this.head));
      this.snapshotBytes = sealed.length;
      this.journalBytes = 0;
      this.clearPrevious();
    });
  }

  /** removes the snapshot and journal entries a compaction replaced */
  clearPrevious() {
    const prev = this.head.prev;
    if (!prev) return;
    if (prev.gen > 0) this.opts.kv.delete(this.name(`snap:${prev.gen}`));
    for (let n = prev.from; n < prev.to; n++) this.opts.kv.delete(this.name(`j:${n}`));
    this.head = { gen: this.head.gen, from: this.head.from, keyId: this.head.keyId };
    this.opts.kv.set(this.name('head'), JSON.stringify(this.head));
  }

  close() {
    this.snapshot();
    this.closed = true;
    owners.delete(this.factory);
  }

  stats(): CryptoStoreStats {
    let records = 0;
    for (const db of this.factory._databases.values()) for (const s of db.rawObjectStores.values()) if (!s.deleted) records += [...s.records.values()].length;
    return { records, snapshotBytes: this.snapshotBytes, journalEntries: this.next - this.head.from, journalBytes: this.journalBytes };
  }

  loaded(snapshotBytes: number, journalBytes: number) {
    this.snapshotBytes = snapshotBytes;
    this.journalBytes = journalBytes;
  }
}

/** every database of a factory, read straight from fake-indexeddb's memory (consistent: no transaction is midway) */
function dump(factory: RawFactory): DbDump[] {
  return [...factory._databases.values()].map((db) => ({
    name: db.name,
    version: db.version,
    stores: [...db.rawObjectStores.values()]
      .filter((s) => !s.deleted)
      .map((s) => ({
        name: s.name,
        keyPath: s.keyPath,
        autoIncrement: s.autoIncrement,
        indexes: [...s.rawIndexes.values()].filter((i) => !i.deleted).map((i) => ({ name: i.name, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry })),
        records: [...s.records.values()].map((r) => [r.key, r.value] as [unknown, unknown]),
      })),
  }));
}

/**
 * Reads the store from the key-value store into a fresh fake-indexeddb factory and starts writing its changes back.
 * Throws CryptoStoreKeyError when the key is not the one the store was written with.
 */
export async function openPersistedIdb(options: PersistedIdbOptions): Promise<PersistedIdb> {
  const opts = { ...options, prefix: options.prefix ?? 'matrix:crypto' };
  const { kv, cipher } = opts;
  const name = (part: string) => `${opts.prefix}:${part}`;
  await installHooks(hooks);

  const headText = kv.get(name('head'));
  const head: Head = headText ? (JSON.parse(headText) as Head) : { gen: 0, from: 0, keyId: cipher.keyId };
  if (head.keyId !== cipher.keyId) {
    throw new CryptoStoreKeyError('the Matrix crypto store was written with a different key: set the MATRIX_CRYPTO_STORE_KEY (or passphrase) it was made with');
  }
  if (!headText) kv.set(name('head'), JSON.stringify(head));

  let dbs = new Map<string, { version: number; stores: Map<string, StoreDump & { byKey: Map<string, [unknown, unknown]> }> }>();
  let snapshotBytes = 0;
  if (head.gen > 0) {
    const sealed = kv.get(name(`snap:${head.gen}`));
    if (!sealed) throw new CryptoStoreKeyError(`the Matrix crypto store's snapshot ${head.gen} is missing`);
    snapshotBytes = sealed.length;
    const snap = deserialize(cipher.open(name(`snap:${head.gen}`), sealed)) as DbDump[];
    dbs = new Map(snap.map((d) => [d.name, { version: d.version, stores: new Map(d.stores.map((s) => [s.name, { ...s, byKey: new Map(s.records.map((r) => [keyId(r[0]), r])) }])) }]));
  }
  let n = head.from;
  let journalBytes = 0;
  for (let sealed = kv.get(name(`j:${n}`)); sealed !== undefined; sealed = kv.get(name(`j:${++n}`))) {
    journalBytes += sealed.length;
    for (const [db, storeName, key, value] of deserialize(cipher.open(name(`j:${n}`), sealed)) as Op[]) {
      const store = dbs.get(db)?.stores.get(storeName);
      if (!store) throw new CryptoStoreKeyError(`the Matrix crypto store's journal names an unknown object store (entry ${n})`);
      if (value === undefined) store.byKey.delete(keyId(key));
      else store.byKey.set(keyId(key), [key, value]);
    }
  }

  const factory = new IDBFactory() as RawFactory;
  for (const [dbName, db] of dbs) await load(factory, dbName, db.version, [...db.stores.values()].map((s) => ({ ...s, records: [...s.byKey.values()] })));

  const persister = new Persister(factory, opts, head, n);
  persister.loaded(snapshotBytes, journalBytes);
  owners.set(factory, persister);
  persister.clearPrevious();
  return {
    factory,
    install() {
      installGlobals(factory);
    },
    compact: () => persister.snapshot(),
    close: () => persister.close(),
    stats: () => persister.stats(),
    get failure() {
      return persister.failure;
    },
  };
}

function load(factory: Factory, name: string, version: number, stores: StoreDump[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, version);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const s of stores) {
        const store = db.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
      }
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const names = stores.filter((s) => s.records.length).map((s) => s.name);
      if (!names.length) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction(names, 'readwrite');
      for (const s of stores) {
        if (!s.records.length) continue;
        const store = tx.objectStore(s.name);
        for (const [key, value] of s.records) {
          if (s.keyPath === null) store.put(value, key as never);
          else store.put(value);
        }
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

function installGlobals(factory: Factory) {
  const g = globalThis as Record<string, unknown>;
  g.indexedDB = factory;
  g.IDBKeyRange = IDBKeyRange;
  for (const k of ['IDBCursor', 'IDBCursorWithValue', 'IDBDatabase', 'IDBFactory', 'IDBIndex', 'IDBObjectStore', 'IDBOpenDBRequest', 'IDBRequest', 'IDBTransaction', 'IDBVersionChangeEvent'] as const) g[k] = fake[k];
}
