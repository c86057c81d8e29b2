import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { KeyValue } from '../../../src/storage/key-value.js';

/** Thrown when a stored record cannot be opened: the wrong key, or a record changed outside the bot. */
export class CryptoStoreKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CryptoStoreKeyError';
  }
}

export interface StoreCipher {
  /** compressed, then sealed with AES-256-GCM; `name` (the record's key) is bound in, so records cannot be swapped */
  seal(name: string, plain: Buffer): string;
  open(name: string, sealed: string): Buffer;
  /** a short public fingerprint of the key (the store remembers it, to tell "wrong key" from "damaged") */
  readonly keyId: string;
}

const VERSION = 'v1';

export function storeCipher(key: Buffer): StoreCipher {
  if (key.length !== 32) throw new Error('the crypto store key must be 32 bytes');
  return {
    keyId: createHash('sha256').update('pledgewatch crypto store key id').update(key).digest('base64url').slice(0, 16),
    seal(name, plain) {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      c.setAAD(Buffer.from(name));
      const body = Buffer.concat([c.update(deflateRawSync(plain)), c.final()]);
      return `${VERSION}:${Buffer.concat([nonce, c.getAuthTag(), body]).toString('base64')}`;
    },
    open(name, sealed) {
      const [version, b64] = sealed.split(':', 2);
      if (version !== VERSION || !b64) throw new CryptoStoreKeyError(`the crypto store record ${name} is not in a format this version reads`);
      const raw = Buffer.from(b64, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(name));
      d.setAuthTag(raw.subarray(12, 28));
      try {
        return inflateRawSync(Buffer.concat([d.update(raw.subarray(28)), d.final()]));
      } catch {
        throw new CryptoStoreKeyError(`the crypto store record ${name} could not be opened with this key`);
      }
    },
  };
}

/**
 * The store key from the settings: MATRIX_CRYPTO_STORE_KEY (32 bytes, base64 or hex) as it is, or a passphrase
 * (MATRIX_CRYPTO_STORE_PASSPHRASE) stretched with scrypt and a random salt kept beside the store (the salt is not
 * secret; losing it loses the store, so it lives in the same database).
 */
export function storeKeyFrom(setting: { key?: string; passphrase?: string }, kv: KeyValue, saltKey: string): Buffer {
  if (setting.key) return parseStoreKey(setting.key);
  if (!setting.passphrase) throw new Error('no crypto store key or passphrase');
  let salt = kv.get(saltKey);
  if (!salt) {
    salt = randomBytes(16).toString('base64');
    kv.set(saltKey, salt);
  }
  return scryptSync(setting.passphrase, Buffer.from(salt, 'base64'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

/** 32 bytes written as 64 hex digits or as base64; undefined-safe check for the config. */
export function parseStoreKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('must be 32 random bytes, as 64 hex digits or base64 (openssl rand -base64 32)');
  return key;
}
