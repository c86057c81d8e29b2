import type { KeyValue } from '../../../src/storage/key-value.js';
import { currentHolder, HOLD_MS, type Holding } from './holder.js';
import { cryptoKeys, type CryptoIdentity } from './keys.js';
import { storeCipher, storeKeyFrom } from './store-cipher.js';

export interface CryptoStoreReport {
  /** no store yet: the bot makes it at its first start with encryption on */
  exists: boolean;
  /** the device the store belongs to */
  deviceId?: string;
  identity?: CryptoIdentity;
  /** every record opened with the configured key */
  readable: boolean;
  /** why not, as a sentence */
  problem?: string;
  bytes: number;
  journalEntries: number;
  /** the process holding it now (a record renewed within HOLD_MS), if any */
  holder?: Holding & { ageMs: number };
}

/**
 * What `doctor` says about the crypto store, read without changing anything (no key-value write: a passphrase
 * with no salt stored yet means no store yet): whose device it is, and whether every record opens with the key.
 */
export function inspectCryptoStore(kv: Pick<KeyValue, 'get'>, setting: { key?: string; passphrase?: string }, now: number): CryptoStoreReport {
  const headText = kv.get(`${cryptoKeys.prefix}:head`);
  const device = kv.get(cryptoKeys.device);
  const identityText = kv.get(cryptoKeys.identity);
  const holding = currentHolder(kv as KeyValue, cryptoKeys.holder);
  const report: CryptoStoreReport = {
    exists: headText !== undefined,
    deviceId: device ? (JSON.parse(device) as { deviceId: string }).deviceId : undefined,
    identity: identityText ? (JSON.parse(identityText) as CryptoIdentity) : undefined,
    readable: false,
    bytes: 0,
    journalEntries: 0,
    holder: holding && now - holding.at < HOLD_MS ? { ...holding, ageMs: now - holding.at } : undefined,
  };
  if (!headText) return { ...report, readable: true };
  const head = JSON.parse(headText) as { gen: number; from: number; keyId: string };
  if (setting.passphrase && !setting.key && !kv.get(cryptoKeys.salt)) return { ...report, problem: 'the passphrase salt is missing from the database' };
  const readOnly: KeyValue = { get: (k) => kv.get(k), set: () => undefined, delete: () => false };
  const cipher = storeCipher(storeKeyFrom(setting, readOnly, cryptoKeys.salt));
  if (cipher.keyId !== head.keyId) return { ...report, problem: 'it was written with a different key' };
  try {
    const names = head.gen > 0 ? [`${cryptoKeys.prefix}:snap:${head.gen}`] : [];
    for (let n = head.from; kv.get(`${cryptoKeys.prefix}:j:${n}`) !== undefined; n++) names.push(`${cryptoKeys.prefix}:j:${n}`);
    for (const name of names) {
      const sealed = kv.get(name);
      if (sealed === undefined) return { ...report, problem: `its record ${name} is missing` };
      cipher.open(name, sealed);
      report.bytes += sealed.length;
    }
    report.journalEntries = names.length - (head.gen > 0 ? 1 : 0);
    return { ...report, readable: true };
  } catch (err) {
    return { ...report, problem: (err as Error).message };
  }
}
