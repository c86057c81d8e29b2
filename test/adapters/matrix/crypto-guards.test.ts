import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MatrixEventEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../../adapters/matrix/crypto.js';
import { CryptoStoreHeldError, holdCryptoStore } from '../../../adapters/matrix/crypto-store/holder.js';
import { cryptoKeys } from '../../../adapters/matrix/crypto-store/keys.js';
import { openPersistedIdb } from '../../../adapters/matrix/crypto-store/persisted-idb.js';
import { storeCipher } from '../../../adapters/matrix/crypto-store/store-cipher.js';
import { createEncryptedEvents } from '../../../adapters/matrix/encrypted-events.js';
import { migrations } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { runDoctor } from '../../../src/ops/doctor.js';
import { openDatabase } from '../../../src/storage/database.js';
import { sqliteKeyValue } from '../../../src/storage/key-value.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { captureLogger } from '../../reminders/harness.js';

const kvIn = (dir: string) => sqliteKeyValue(openDatabase(join(dir, 'pledgewatch.db'), migrations));
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('one process holds the crypto store', () => {
  it('keeps a second process out while the first lives, and lets a restart after a kill -9 in at once', () => {
    const kv = kvIn(tempDir());
    const now = () => Date.now();
    const other = { host: hostname(), token: 'x', at: Date.now() };
    kv.set(cryptoKeys.holder, JSON.stringify({ ...other, pid: process.ppid }));
    expect(() => holdCryptoStore(kv, cryptoKeys.holder, now, () => undefined)).toThrow(CryptoStoreHeldError);
    kv.set(cryptoKeys.holder, JSON.stringify({ ...other, host: 'elsewhere.example', pid: 1 }));
    expect(() => holdCryptoStore(kv, cryptoKeys.holder, now, () => undefined)).toThrow(/pid 1 on elsewhere.example/);
    kv.set(cryptoKeys.holder, JSON.stringify({ ...other, pid: deadPid() }));
    const held = holdCryptoStore(kv, cryptoKeys.holder, now, () => undefined);
    expect(held.held).toBe(true);
    held.release();
    expect(kv.get(cryptoKeys.holder)).toBeUndefined();
    kv.set(cryptoKeys.holder, JSON.stringify({ ...other, host: 'elsewhere.example', pid: 1, at: Date.now() - 60_000 }));
    holdCryptoStore(kv, cryptoKeys.holder, now, () => undefined).release();
  });
});

describe('the crypto store belongs to one device', () => {
  it('refuses a token for another device, naming both, before touching the store', async () => {
    const kv = kvIn(tempDir());
    kv.set(cryptoKeys.device, JSON.stringify({ userId: '@pw:example.org', deviceId: 'STOREDEVICE' }));
    const config = loadConfig({ MATRIX_HOMESERVER_URL: 'http://127.0.0.1:9', MATRIX_USER_ID: '@pw:example.org', MATRIX_ACCESS_TOKEN: 't', MATRIX_CRYPTO_STORE_KEY: randomBytes(32).toString('base64') });
    const crypto = createCrypto({ config: config.matrix!, kv, log: captureLogger().logger, now: Date.now }, () => undefined);
    await expect(crypto.start({} as never, 'NEWDEVICE')).rejects.toThrow(/device NEWDEVICE, but the crypto store belongs to device STOREDEVICE/);
    expect(kv.get(cryptoKeys.holder)).toBeUndefined();
  });
});

describe('doctor, the Matrix crypto store', () => {
  const key = randomBytes(32).toString('base64');
  const whoami = (deviceId: string) => (async () => new Response(JSON.stringify({ user_id: '@pw:example.org', device_id: deviceId }), { status: 200 })) as typeof fetch;
  const env = (dir: string, storeKey = key) => ({ PLEDGEWATCH_DATA_DIR: dir, MATRIX_HOMESERVER_URL: 'https://matrix.example.org', MATRIX_USER_ID: '@pw:example.org', MATRIX_ACCESS_TOKEN: 'syt_secret', MATRIX_CRYPTO_STORE_KEY: storeKey });
  const finding = async (e: Record<string, string>, device: string) => (await runDoctor(e, { fetch: whoami(device) })).find((f) => f.check === 'matrix crypto store');

  it('names the device and its key, says the store opens, and catches a wrong key or a token for another device', async () => {
    const dir = tempDir();
    expect(await finding(env(dir), 'BOTDEVICE')).toMatchObject({ ok: true, message: expect.stringMatching(/no crypto store yet.*device BOTDEVICE/) });
    const kv = kvIn(dir);
    const store = await openPersistedIdb({ kv, cipher: storeCipher(Buffer.from(key, 'base64')), prefix: cryptoKeys.prefix });
    store.compact();
    kv.set(cryptoKeys.device, JSON.stringify({ userId: '@pw:example.org', deviceId: 'BOTDEVICE' }));
    kv.set(cryptoKeys.identity, JSON.stringify({ userId: '@pw:example.org', deviceId: 'BOTDEVICE', ed25519: 'abcdefghijkl', curve25519: 'x', crossSigned: true }));
    expect(await finding(env(dir), 'BOTDEVICE')).toMatchObject({ ok: true, message: expect.stringMatching(/opens with the key: device BOTDEVICE, key abcd efgh ijkl, cross-signed; .*no process holds it now/) });
    expect(await finding(env(dir, randomBytes(32).toString('base64')), 'BOTDEVICE')).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be opened: it was written with a different key/) });
    expect(await finding(env(dir), 'OTHER')).toMatchObject({ ok: false, message: expect.stringMatching(/device OTHER, but the crypto store belongs to device BOTDEVICE/) });
    store.close();
  });
});

/** an encrypted event as the SDK's Rust crypto handles it: failing first, decrypted when a key arrives */
function encryptedEvent(id: string, ts: number) {
  const e = Object.assign(new EventEmitter(), {
    failure: true as boolean,
    getId: () => id,
    getTs: () => ts,
    isDecryptionFailure: () => e.failure,
    decryptionFailureReason: 'MEGOLM_UNKNOWN_INBOUND_SESSION_ID',
    isBeingDecrypted: () => false,
    shouldAttemptDecryption: () => false,
    keyArrives() {
      e.failure = false;
      e.emit(MatrixEventEvent.Decrypted, e);
    },
  });
  return e;
}

describe('encrypted messages the bot cannot decrypt', () => {
  it('are not answered and are logged by reason code; a late key gets an answer within the catch-up window only', () => {
    const { logger, lines } = captureLogger();
    const taken: string[] = [];
    const now = 1_000_000_000;
    const events = createEncryptedEvents({ client: () => undefined, log: logger, now: () => now }, { take: (e) => taken.push(e.getId()!), catchUpMs: 10 * 60_000 });
    const room = { roomId: '!r:example.org' } as Room;
    const recent = encryptedEvent('$recent', now - 60_000);
    const old = encryptedEvent('$old', now - 60 * 60_000);
    events.seen(recent as unknown as MatrixEvent, room);
    events.seen(old as unknown as MatrixEvent, room);
    expect(taken).toEqual([]);
    expect(lines.filter((l) => l.includes('"code":"MEGOLM_UNKNOWN_INBOUND_SESSION_ID"'))).toHaveLength(2);
    recent.keyArrives();
    old.keyArrives();
    recent.keyArrives();
    expect(taken).toEqual(['$recent']);
    expect(lines.some((l) => l.includes('"code":"late-key-too-old"') && l.includes('$old'))).toBe(true);
    expect(lines.join('')).not.toMatch(/body|!pw/);
  });
});
