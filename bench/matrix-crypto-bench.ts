/**
 * The Matrix crypto store (adapters/matrix/crypto-store): its size and the bot's start with it after 1 000 room
 * keys, and one decryption. No homeserver: the bot's Rust crypto runs on the persisted store in a temp SQLite
 * database, and 1 000 Megolm sessions made with libolm (@matrix-org/olm, already installed with matrix-js-sdk)
 * are imported into it, as if 1 000 room keys had come in over time.
 * Reported: the import (every committed transaction written through), the store's size (sealed, in the key-value
 * store) and the database file's, a start with the store (read back into fake-indexeddb, then the Rust crypto
 * opened on it), and the decryption of one message with one of the keys.
 * Run: npx tsx bench/matrix-crypto-bench.ts [roomKeys]
 */
// First: quiets the SDK's module-wide console logging (a key-backup check fails here: there is no homeserver).
import '../adapters/matrix/sdk-logging.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Olm from '@matrix-org/olm';
import { createClient, MatrixEvent, type MatrixClient } from 'matrix-js-sdk';
import { LoggerLevel, Tracing } from '@matrix-org/matrix-sdk-crypto-wasm';
import { openPersistedIdb } from '../adapters/matrix/crypto-store/persisted-idb.js';
import { storeCipher } from '../adapters/matrix/crypto-store/store-cipher.js';
import { openDatabase } from '../src/storage/database.js';
import { sqliteKeyValue } from '../src/storage/key-value.js';
import { storageMigrations, storageSplitMigrations } from '../src/storage/migrations.js';

const roomKeys = Number(process.argv[2] ?? 1_000);
const dir = mkdtempSync(join(tmpdir(), 'pw-crypto-bench-'));
const file = join(dir, 'pledgewatch.db');
const openKv = () => sqliteKeyValue(openDatabase(file, [...storageMigrations, ...storageSplitMigrations]));
const cipher = storeCipher(randomBytes(32));
const quiet = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, getChild: () => quiet };
const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function botClient(kv: ReturnType<typeof openKv>) {
  const t0 = performance.now();
  const store = await openPersistedIdb({ kv, cipher });
  const restored = performance.now() - t0;
  store.install();
  const client: MatrixClient = createClient({ baseUrl: 'http://127.0.0.1:9', userId: '@bot:bench.test', deviceId: 'BENCHDEVICE', logger: quiet });
  const { debug, info, log } = console;
  console.debug = console.info = console.log = () => undefined;
  try {
    await client.initRustCrypto({ useIndexedDB: true });
  } finally {
    Object.assign(console, { debug, info, log });
    new Tracing(LoggerLevel.Error).turnOn();
  }
  return { store, client, restoredMs: restored, totalMs: performance.now() - t0 };
}

try {
  await Olm.init();
  const first = await botClient(openKv());
  const sender = new Olm.Account();
  sender.create();
  const { curve25519: senderKey, ed25519: senderSigningKey } = JSON.parse(sender.identity_keys()) as { curve25519: string; ed25519: string };
  const sessions: Olm.OutboundGroupSession[] = [];
  const exported = [];
  for (let i = 0; i < roomKeys; i++) {
    const out = new Olm.OutboundGroupSession();
    out.create();
    const inbound = new Olm.InboundGroupSession();
    inbound.create(out.session_key());
    exported.push({
      algorithm: 'm.megolm.v1.aes-sha2',
      room_id: `!room${i % 50}:bench.test`,
      sender_key: senderKey,
      session_id: out.session_id(),
      session_key: inbound.export_session(0),
      sender_claimed_keys: { ed25519: senderSigningKey },
      forwarding_curve25519_key_chain: [],
    });
    inbound.free();
    if (i === 0) sessions.push(out);
    else out.free();
  }
  let t0 = performance.now();
  // in batches, as keys come in over many syncs (one batch: one committed transaction and one journal entry)
  for (let i = 0; i < exported.length; i += 50) await first.client.getCrypto()!.importRoomKeys(exported.slice(i, i + 50) as never);
  const importMs = ms(t0);
  const grown = first.store.stats();
  first.store.compact();
  const compacted = first.store.stats();
  first.client.stopClient();
  console.log(`room keys imported: ${roomKeys} in ${importMs} (in batches of 50; journal then ${grown.journalEntries} entries, ${(grown.journalBytes / 1024).toFixed(0)} KiB)`);
  console.log(`store size after ${roomKeys} room keys: ${(compacted.snapshotBytes / 1024).toFixed(0)} KiB sealed in the key-value store (${compacted.records} records); database file with its write-ahead log ${((size(file) + size(`${file}-wal`)) / 1024).toFixed(0)} KiB`);

  // "restart": a new store and client from the same database file
  const second = await botClient(openKv());
  console.log(`start with the store: ${second.totalMs.toFixed(0)} ms (of which reading it back into fake-indexeddb ${second.restoredMs.toFixed(0)} ms)`);

  const roomId = '!room0:bench.test';
  const out = sessions[0]!;
  const ciphertext = out.encrypt(JSON.stringify({ type: 'm.room.message', room_id: roomId, content: { msgtype: 'm.text', body: '!pw help' } }));
  const event = new MatrixEvent({
    type: 'm.room.encrypted',
    room_id: roomId,
    sender: '@alice:bench.test',
    event_id: '$bench',
    origin_server_ts: Date.now(),
    content: { algorithm: 'm.megolm.v1.aes-sha2', sender_key: senderKey, session_id: out.session_id(), ciphertext, device_id: 'ALICE' },
  });
  t0 = performance.now();
  await second.client.decryptEventIfNeeded(event);
  const decryptMs = ms(t0);
  if (event.isDecryptionFailure() || event.getContent().body !== '!pw help') throw new Error(`decryption failed: ${event.decryptionFailureReason}`);
  console.log(`one message decrypted with a stored room key: ${decryptMs}`);
  second.client.stopClient();
  second.store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
