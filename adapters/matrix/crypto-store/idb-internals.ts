import { IDBFactory, IDBKeyRange, IDBTransaction } from 'fake-indexeddb';

/**
 * The parts of fake-indexeddb's in-memory database the persisted store reads and hooks (the package is pinned to
 * an exact version; test/adapters/matrix/crypto-store.test.ts shows whether these still hold after an upgrade).
 */
export interface RawRecord {
  key: unknown;
  value: unknown;
}
export interface RawIndex {
  name: string;
  keyPath: string | string[];
  multiEntry: boolean;
  unique: boolean;
  deleted: boolean;
}
export interface RawObjectStore {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  deleted: boolean;
  rawDatabase: RawDatabase;
  rawIndexes: Map<string, RawIndex>;
  records: { get(key: unknown): RawRecord | undefined; values(range?: unknown): Iterable<RawRecord> };
  storeRecord(record: RawRecord, noOverwrite: boolean, rollbackLog?: unknown[]): unknown;
  deleteRecord(key: unknown, rollbackLog?: unknown[]): void;
  clear(rollbackLog?: unknown[]): void;
}
export interface RawDatabase {
  name: string;
  version: number;
  rawObjectStores: Map<string, RawObjectStore>;
}
export interface RawTransaction {
  mode: string;
  _rollbackLog: unknown[];
  db: { _rawDatabase: RawDatabase };
  _abort(errName: string | null): void;
  _markFinished(): void;
}
export type Factory = InstanceType<typeof IDBFactory>;
export type RawFactory = Factory & { _databases: Map<string, RawDatabase> };

export interface Hooks {
  /** a record written or deleted inside a read-write transaction (its rollback log names the transaction) */
  touched(store: RawObjectStore, keys: unknown[], rollbackLog: unknown[]): void;
  /** a transaction ended; `committed` false when it was aborted */
  finished(tx: RawTransaction, committed: boolean): void;
  /** a database was deleted from a factory */
  deleted(factory: RawFactory): void;
}

let installed: Hooks | undefined;

/** Finds the internal object-store class through a throw-away database (it is not exported). */
async function rawObjectStoreProto(): Promise<RawObjectStore> {
  const scratch = new IDBFactory();
  return new Promise((resolve, reject) => {
    const req = scratch.open('probe', 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('probe') as unknown as { _rawObjectStore: RawObjectStore };
      resolve(Object.getPrototypeOf(store._rawObjectStore) as RawObjectStore);
    };
    req.onerror = () => reject(req.error);
  });
}

/** Installs the hooks once per process (every persisted factory shares them and tells its own databases apart). */
export async function installHooks(hooks: Hooks): Promise<void> {
  if (installed) {
    if (installed !== hooks) throw new Error('fake-indexeddb hooks are already installed');
    return;
  }
  installed = hooks;
  const store = await rawObjectStoreProto();
  const storeRecord = store.storeRecord;
  store.storeRecord = function (this: RawObjectStore, record, noOverwrite, rollbackLog) {
    const key = storeRecord.call(this, record, noOverwrite, rollbackLog);
    if (rollbackLog) hooks.touched(this, [key], rollbackLog);
    return key;
  };
  const deleteRecord = store.deleteRecord;
  store.deleteRecord = function (this: RawObjectStore, key, rollbackLog) {
    const keys = rollbackLog ? (key instanceof IDBKeyRange ? [...this.records.values(key)] : [this.records.get(key)]).flatMap((r) => (r ? [r.key] : [])) : [];
    deleteRecord.call(this, key, rollbackLog);
    if (rollbackLog && keys.length) hooks.touched(this, keys, rollbackLog);
  };
  const clear = store.clear;
  store.clear = function (this: RawObjectStore, rollbackLog) {
    const keys = rollbackLog ? [...this.records.values()].map((r) => r.key) : [];
    clear.call(this, rollbackLog);
    if (rollbackLog && keys.length) hooks.touched(this, keys, rollbackLog);
  };
  const tx = IDBTransaction.prototype as unknown as RawTransaction;
  const aborted = new WeakSet<object>();
  const done = new WeakSet<object>();
  const abort = tx._abort;
  tx._abort = function (this: RawTransaction, errName) {
    aborted.add(this);
    abort.call(this, errName);
  };
  const markFinished = tx._markFinished;
  tx._markFinished = function (this: RawTransaction) {
    if (!done.has(this)) {
      done.add(this);
      hooks.finished(this, !aborted.has(this));
    }
    markFinished.call(this);
  };
  const factory = IDBFactory.prototype as unknown as { deleteDatabase(name: string): { addEventListener(type: string, fn: () => void): void } };
  const deleteDatabase = factory.deleteDatabase;
  factory.deleteDatabase = function (this: RawFactory, name: string) {
    const req = deleteDatabase.call(this, name);
    req.addEventListener('success', () => hooks.deleted(this));
    return req;
  };
}
