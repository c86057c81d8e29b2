import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import { Method, type MatrixClient } from 'matrix-js-sdk';
import type { MatrixContext } from './context.js';
import { holdCryptoStore } from './crypto-store/holder.js';
import { cryptoKeys, fingerprintOf, type CryptoIdentity } from './crypto-store/keys.js';
import { openPersistedIdb, type CryptoStoreStats, type PersistedIdb } from './crypto-store/persisted-idb.js';
import { storeCipher, storeKeyFrom } from './crypto-store/store-cipher.js';
import { MatrixStartError } from './start-checks.js';

export { cryptoKeys, fingerprintOf, type CryptoIdentity };

export interface CryptoStatus {
  deviceId: string;
  /** the Ed25519 key in groups of four, as Element shows it when verifying by hand */
  fingerprint: string;
  /** false when a write to the store failed (the bot stopped syncing) */
  storeOk: boolean;
  /** whether this process still holds the store (holder.ts) */
  held: boolean;
  /** whether the bot's user identity signs its device (cross-signing set up) */
  crossSigned: boolean;
  stats: CryptoStoreStats;
}

/**
 * End-to-end encryption for the adapter: before the first sync, the bot's crypto store is read back from the
 * key-value store into an in-memory IndexedDB (persisted-idb.ts) and the SDK's Rust crypto opens it, as the device
 * the access token belongs to. Guards, each an error the operator can act on:
 * - the store belongs to one device: a token for another device is refused (reusing a device id without its
 *   store breaks it for good: its one-time keys clash on every upload);
 * - a fresh store is refused for a device that already has keys on the homeserver (a lost store, or a token
 *   copied from elsewhere): a new login, so a new device, is the way out (docs/matrix.md);
 * - one process at a time holds the store (holder.ts).
 */
export function createCrypto(ctx: Pick<MatrixContext, 'config' | 'kv' | 'log' | 'now'>, onStoreFailure: (reason: string) => void) {
  const { config, kv, log } = ctx;
  let store: PersistedIdb | undefined;
  let holder: ReturnType<typeof holdCryptoStore> | undefined;
  let identity: CryptoIdentity | undefined;
  let crossSigned = false;

  async function start(client: MatrixClient, deviceId: string | undefined): Promise<void> {
    if (!deviceId) throw new MatrixStartError('homeserver-error', 'The homeserver did not say which device MATRIX_ACCESS_TOKEN belongs to, and encryption needs it. Log the bot in again (docs/matrix.md).');
    const bound = kv.get(cryptoKeys.device);
    if (bound) {
      const b = JSON.parse(bound) as { userId: string; deviceId: string };
      if (b.deviceId !== deviceId || b.userId !== config.userId) {
        throw new MatrixStartError('wrong-user', `MATRIX_ACCESS_TOKEN belongs to device ${deviceId}, but the crypto store belongs to device ${b.deviceId}. Use the token that was made with this store, or log in afresh with an empty store (docs/matrix.md, "Encrypted rooms").`);
      }
    }
    holder = holdCryptoStore(kv, cryptoKeys.holder, ctx.now, () => onStoreFailure('another process took the crypto store'));
    try {
      const key = storeKeyFrom(config.cryptoStore!, kv, cryptoKeys.salt);
      store = await openPersistedIdb({ kv, cipher: storeCipher(key), prefix: cryptoKeys.prefix, onFailure: () => onStoreFailure('the crypto store could not be saved') });
      if (!bound) {
        if (await hasKeysOnServer(client, deviceId)) {
          throw new MatrixStartError('wrong-user', `Device ${deviceId} already has encryption keys on the homeserver, but the crypto store is empty (a lost store, or a token from another installation). Log the bot in afresh to get a new device (docs/matrix.md, "Encrypted rooms").`);
        }
        kv.set(cryptoKeys.device, JSON.stringify({ userId: config.userId, deviceId }));
      }
      store.install();
      client.deviceId = deviceId;
      await quietly(() => client.initRustCrypto({ useIndexedDB: true }));
      await uploadKeys(client, log);
      crossSigned = await crossSign(client, config, log);
      const keys = await client.getCrypto()!.getOwnDeviceKeys();
      identity = { userId: config.userId, deviceId, ed25519: keys.ed25519, curve25519: keys.curve25519, crossSigned };
      kv.set(cryptoKeys.identity, JSON.stringify(identity));
      log.info({ device: deviceId, records: store.stats().records }, 'matrix crypto store open');
    } catch (err) {
      stop();
      throw err;
    }
  }

  function stop() {
    try {
      store?.close();
    } catch (err) {
      log.error({ errName: (err as Error).name, code: (err as { code?: string }).code }, 'the crypto store could not be saved at stop');
    }
    holder?.release();
    store = undefined;
    holder = undefined;
  }

  return {
    start,
    stop,
    status(): CryptoStatus | undefined {
      if (!identity || !store) return undefined;
      return { deviceId: identity.deviceId, fingerprint: fingerprintOf(identity.ed25519), storeOk: !store.failure, held: holder?.held ?? false, crossSigned, stats: store.stats() };
    },
  };
}

export type MatrixCrypto = ReturnType<typeof createCrypto>;

async function hasKeysOnServer(client: MatrixClient, deviceId: string): Promise<boolean> {
  const userId = client.getUserId()!;
  const res = await client.http.authedRequest<{ device_keys?: Record<string, Record<string, unknown>> }>(Method.Post, '/keys/query', undefined, { device_keys: { [userId]: [deviceId] } });
  return Boolean(res.device_keys?.[userId]?.[deviceId]);
}

/**
 * Uploads the device's keys (and one-time keys) before the first sync, so members who see the bot join a room
 * already find a device to encrypt for; the SDK would do it only after its first sync, when it may have joined.
 */
async function uploadKeys(client: MatrixClient, log: MatrixContext['log']): Promise<void> {
  const manager = (client.getCrypto() as unknown as { outgoingRequestsManager?: { doProcessOutgoingRequests?: () => Promise<void> } }).outgoingRequestsManager;
  // if it fails, the SDK uploads them after its first sync
  await manager?.doProcessOutgoingRequests?.().catch((err: unknown) => log.warn({ errName: (err as Error)?.name, code: 'key-upload-deferred' }, 'could not upload the device keys before the first sync'));
}

/**
 * Cross-signing: the bot's user identity (master and self-signing keys, kept in the crypto store) signs its device,
 * so members' clients do not warn that its messages come from a device not verified by its owner. Set up once,
 * with the account's password (MATRIX_CROSS_SIGNING_PASSWORD); afterwards nothing to do. Returns whether it is.
 */
async function crossSign(client: MatrixClient, config: MatrixContext['config'], log: MatrixContext['log']): Promise<boolean> {
  const crypto = client.getCrypto()!;
  if (await crypto.isCrossSigningReady()) return true;
  const password = config.crossSigningPassword;
  if (!password) {
    log.info({ code: 'not-cross-signed' }, 'the bot\'s device is not cross-signed: members see its messages as from a device not verified by its owner (docs/matrix.md, "Verifying")');
    return false;
  }
  try {
    await crypto.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest({ type: 'm.login.password', identifier: { type: 'm.id.user', user: config.userId }, password } as never);
      },
    });
    log.info('cross-signing set up: the bot\'s identity signs its device (MATRIX_CROSS_SIGNING_PASSWORD can go now)');
    return await crypto.isCrossSigningReady();
  } catch (err) {
    log.warn({ code: 'cross-signing-failed', errcode: (err as { errcode?: string }).errcode, httpStatus: (err as { httpStatus?: number }).httpStatus }, 'could not set up cross-signing (check MATRIX_CROSS_SIGNING_PASSWORD)');
    return false;
  }
}

/** The Rust crypto turns its own tracing on at debug level, to the console (stdout): errors only, once it is up. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { debug, info, log } = console;
  console.debug = console.info = console.log = () => undefined;
  try {
    return await fn();
  } finally {
    Object.assign(console, { debug, info, log });
    new Tracing(LoggerLevel.Error).turnOn();
  }
}
