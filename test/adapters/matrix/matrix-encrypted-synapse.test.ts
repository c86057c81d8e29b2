import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientEvent } from 'matrix-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadEncryptedFile, encryptedFileIn, uploadEncryptedFile } from '../../../adapters/matrix/encrypted-files.js';
import { createMatrixAdapter } from '../../../adapters/matrix/matrix-adapter.js';
import { migrations } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { buildRegistry } from '../../../src/core/commands/index.js';
import { createCore } from '../../../src/core/core.js';
import type { Services } from '../../../src/core/services.js';
import { createLogger, silentLogger } from '../../../src/logging.js';
import { openDatabase } from '../../../src/storage/database.js';
import { sqliteDeliveryLogs } from '../../../src/storage/delivery-log.js';
import { sqliteKeyValue } from '../../../src/storage/key-value.js';
import { FakeClock } from '../../fakes/clock.js';
import { freePort } from '../../fakes/free-port.js';
import { startRealSynapse, synapseUnavailable, type RealSynapse } from '../../fakes/real-synapse.js';
import { tempDir } from '../../fakes/temp-dir.js';
import { FakeLedger, letter } from '../../reminders/fake-ledger.js';
import { reminderRoom } from '../../reminders/harness.js';
import { memberClient, type MemberClient } from './member-client.js';

/**
 * Encrypted rooms end to end on a real Synapse: a member's own client with the Rust crypto makes an encrypted
 * room and talks to the bot, which runs as `npm start` does (its own process, killed with SIGKILL halfway).
 * Skips with the reason when Synapse cannot run here; under CI=true that is a failure.
 */

const unavailable = synapseUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`matrix-encrypted-synapse.test.ts skipped: ${unavailable}`);

describe.runIf(!unavailable || process.env.CI === 'true')('an encrypted room on a real Synapse', () => {
  let hs: RealSynapse;
  let alice: MemberClient;
  let botDevice: string;
  const storeKey = randomBytes(32).toString('base64');
  let dataDir: string;

  beforeAll(async () => {
    if (unavailable) throw new Error(`CI=true and a real Synapse cannot run: ${unavailable}`);
    // no sync cache: a restart's first sync is a fresh one (20 events per room), so what came before is back-filled
    hs = await startRealSynapse({ relaxRateLimits: true, syncCache: '0' });
    ({ device_id: botDevice } = await hs.api<{ device_id: string }>(hs.bot, 'GET', '/account/whoami'));
    alice = await memberClient(hs, hs.alice);
  }, 300_000);

  afterAll(async () => {
    alice?.stop();
    await hs?.stop();
  }, 60_000);

  /** the bot as an operator runs it: src/main.ts in its own process, configured by the environment */
  async function startBot(healthPort: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? '',
        PLEDGEWATCH_DATA_DIR: dataDir,
        PLEDGEWATCH_HEALTH_PORT: String(healthPort),
        PLEDGEWATCH_COORDINATORS: `matrix:${hs.alice.userId}`,
        MATRIX_HOMESERVER_URL: hs.url,
        MATRIX_USER_ID: hs.bot.userId,
        MATRIX_ACCESS_TOKEN: hs.bot.token,
        MATRIX_ALLOWED_INVITERS: hs.alice.userId,
        MATRIX_CRYPTO_STORE_KEY: storeKey,
        MATRIX_CROSS_SIGNING_PASSWORD: 'botpass', // the kit's (../shared/real-matrix/start.sh)
        // the member sends a burst of 22 below; the bot should answer each, not ask her to slow down
        PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const connected = new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        if (stderr.includes('matrix connected')) resolve();
      });
      void exited.then(() => reject(new Error(`the bot exited: ${stderr.slice(-3000)}`)));
    });
    await connected;
    return { child, exited, log: () => stderr };
  }

  it('answers encrypted, keeps its device and keys over a SIGKILL, and answers what was sent while it was down once, back-filled or not', async () => {
    dataDir = tempDir('pw-e2e-');
    const { room_id: room } = await alice.client.createRoom({
      name: 'encrypted',
      preset: 'private_chat' as never,
      invite: [hs.bot.userId],
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    const healthPort = await freePort();
    const started = Date.now();
    let bot = await startBot(healthPort);
    const startMs = Date.now() - started;
    await alice.until(() => alice.client.getRoom(room)?.getMember(hs.bot.userId)?.membership === 'join', 'the bot joining');

    const askedAt = Date.now();
    const command = await alice.send(room, '!pw outstanding Mexico');
    const answer = await alice.until(() => alice.repliesTo(room, command, hs.bot.userId).find((m) => m.decrypted), 'a decrypted answer to the command').catch((err: Error) => {
      throw new Error(`${err.message}; the bot's log: ${bot.log().slice(-4000)}`);
    });
    const answerMs = Date.now() - askedAt;
    expect(answer.wireType).toBe('m.room.encrypted');
    expect(answer.body).toMatch(/Mexico/);
    const mention = await alice.send(room, `${hs.bot.userId}: help`, { 'm.mentions': { user_ids: [hs.bot.userId] } });
    expect((await alice.until(() => alice.repliesTo(room, mention, hs.bot.userId).find((m) => m.decrypted), 'a decrypted answer to the mention')).wireType).toBe('m.room.encrypted');

    const health = (await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()) as { adapters: { matrix: { crypto?: Record<string, unknown> } } };
    expect(health.adapters.matrix.crypto).toMatchObject({ deviceId: botDevice, crossSigned: true, storeOk: true, heldByThisProcess: true });
    // cross-signed: the member's client sees the bot's device signed by its owner (no "not verified by its owner")
    expect((await alice.client.getCrypto()!.getDeviceVerificationStatus(hs.bot.userId, botDevice))?.signedByOwner).toBe(true);
    const devicesBefore = await alice.client.getCrypto()!.getUserDeviceInfo([hs.bot.userId], true);
    const keyBefore = devicesBefore.get(hs.bot.userId)?.get(botDevice)?.getFingerprint();
    expect(keyBefore).toBeTruthy();

    bot.child.kill('SIGKILL');
    await bot.exited;
    const whileDown = await alice.send(room, '!pw help');
    await alice.client.getCrypto()!.forceDiscardSession(room);
    const afterRotation = await alice.send(room, '!pw help outstanding');
    // more than a first sync holds (20): the two above come back only through the back-fill, which decrypts them too
    const burst: string[] = [];
    for (let i = 0; i < 22; i++) burst.push(await alice.send(room, '!pw help'));

    const restarted = Date.now();
    bot = await startBot(healthPort);
    const restartMs = Date.now() - restarted;
    for (const [id, what] of [[whileDown, 'sent while down'], [afterRotation, 'sent after the key rotation']] as const) {
      await alice.until(() => alice.repliesTo(room, id, hs.bot.userId).find((m) => m.decrypted), `a decrypted answer to the message ${what}`);
    }
    // one more exchange, so that a second answer to either would have arrived by now
    const marker = await alice.send(room, '!pw help help');
    await alice.until(() => alice.repliesTo(room, marker, hs.bot.userId).find((m) => m.decrypted), 'the answer to a marker');
    expect(alice.repliesTo(room, whileDown, hs.bot.userId)).toHaveLength(1);
    expect(alice.repliesTo(room, afterRotation, hs.bot.userId)).toHaveLength(1);
    expect(alice.repliesTo(room, command, hs.bot.userId)).toHaveLength(1);
    await alice.until(() => burst.every((id) => alice.repliesTo(room, id, hs.bot.userId).some((m) => m.decrypted)), 'an answer to each of the burst');
    expect(burst.map((id) => alice.repliesTo(room, id, hs.bot.userId).length)).toEqual(burst.map(() => 1));

    const devicesAfter = await alice.client.getCrypto()!.getUserDeviceInfo([hs.bot.userId], true);
    expect([...(devicesAfter.get(hs.bot.userId)?.keys() ?? [])]).toEqual([botDevice]);
    expect(devicesAfter.get(hs.bot.userId)?.get(botDevice)?.getFingerprint()).toBe(keyBefore);
    expect((await alice.client.getCrypto()!.getDeviceVerificationStatus(hs.bot.userId, botDevice))?.signedByOwner).toBe(true);
    expect(bot.log()).not.toContain('botpass');
    expect(bot.log()).toMatch(/filled a gap in the room timeline/);

    // a coordinator shares a UN report in the encrypted room: the bot decrypts the file and adds it to the library
    const report = readFileSync(join(import.meta.dirname, '../../library/fixtures/real/slovenia-2025-working-group-report.pdf'));
    const file = await uploadEncryptedFile(alice.client, report);
    const shared = await alice.send(room, '!pw add', { msgtype: 'm.file', filename: 'slovenia-2025-working-group-report.pdf', file, info: { size: report.length, mimetype: 'application/pdf' } });
    const added = await alice.until(() => alice.repliesTo(room, shared, hs.bot.userId).find((m) => m.decrypted), 'the answer to the shared file');
    expect(added.body).toMatch(/Added slovenia-2025-working-group-report\.pdf as a-hrc-59-15/);
    expect(bot.log()).not.toContain(hs.bot.token);
    expect(bot.log()).not.toContain('outstanding Mexico');

    bot.child.kill('SIGTERM');
    await bot.exited;
    console.log(`encrypted room timings: start with the store ${restartMs} ms (first start ${startMs} ms), a decrypted answer ${answerMs} ms`);

    // The reminder loop, with a ledger and clock the test controls, into the encrypted room: posted once.
    const db = openDatabase(join(dataDir, 'pledgewatch.db'), migrations);
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const reminders = reminderRoom(dataDir, ledger, clock, { db, logger: process.env.PW_TEST_LOG ? createLogger({ level: process.env.PW_TEST_LOG }) : undefined });
    const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: reminders.service } as unknown as Services;
    const core = createCore({ registry: buildRegistry(), services, coordinators: [`matrix:${hs.alice.userId}`], logger: silentLogger(), maxInputChars: 4000 });
    const config = loadConfig({ MATRIX_HOMESERVER_URL: hs.url, MATRIX_USER_ID: hs.bot.userId, MATRIX_ACCESS_TOKEN: hs.bot.token, MATRIX_ALLOWED_INVITERS: hs.alice.userId, MATRIX_CRYPTO_STORE_KEY: storeKey });
    const logger = process.env.PW_TEST_LOG ? createLogger({ level: process.env.PW_TEST_LOG }) : silentLogger();
    const adapter = createMatrixAdapter({ config: config.matrix!, core, deliveries: sqliteDeliveryLogs(db).for('matrix'), kv: sqliteKeyValue(db), logger, pollTimeoutMs: 5_000 });
    await adapter.start();
    // Within 2 minutes of the last start, Synapse answers the first sync from its cache: the room comes just after.
    await new Promise<void>((resolve) => {
      const c = adapter.client()!;
      const check = () => c.getRoom(room)?.getMyMembership() === 'join' && (c.off(ClientEvent.Sync, check), resolve());
      c.on(ClientEvent.Sync, check);
      check();
    });
    const loop = reminders.loop([adapter.sender]);
    try {
      await reminders.service.subscribe(`matrix:${room}`, [], {}, `matrix:${hs.alice.userId}`);
      clock.set('2026-11-24T08:00:05Z');
      const first = await loop.tick();
      expect(first).toMatchObject({ sent: 1 });
      expect((await loop.tick()).sent).toBe(0);
      const isReminder = (m: { sender: string; body: string; decrypted: boolean }) => m.sender === hs.bot.userId && m.decrypted && /Reminder: Mexico owes answers/.test(m.body);
      await alice.until(() => alice.seen(room).some(isReminder), 'the reminder');
      const again = await alice.send(room, '!pw help');
      await alice.until(() => alice.repliesTo(room, again, hs.bot.userId).length > 0, 'an answer after the reminder');
      expect(alice.seen(room).filter(isReminder)).toHaveLength(1);
    } finally {
      await loop.stop();
      await adapter.stop();
      db.close();
    }
  }, 600_000);

  it('refuses an empty store for a device that already has keys on the homeserver (a lost store, or a copied token)', async () => {
    // (after the test above, the bot's device has keys on the server)
    const config = loadConfig({ MATRIX_HOMESERVER_URL: hs.url, MATRIX_USER_ID: hs.bot.userId, MATRIX_ACCESS_TOKEN: hs.bot.token, MATRIX_CRYPTO_STORE_KEY: storeKey });
    const db = openDatabase(join(tempDir(), 'pledgewatch.db'), migrations);
    const core = createCore({ registry: buildRegistry(), services: { clock: new FakeClock('2026-11-21T10:00:00Z'), logger: silentLogger() } as unknown as Services, coordinators: [], logger: silentLogger(), maxInputChars: 4000 });
    const adapter = createMatrixAdapter({ config: config.matrix!, core, deliveries: sqliteDeliveryLogs(db).for('matrix'), kv: sqliteKeyValue(db), logger: silentLogger() });
    await expect(adapter.start()).rejects.toThrow(new RegExp(`Device ${botDevice} already has encryption keys on the homeserver, but the crypto store is empty`));
    expect(sqliteKeyValue(db).get('matrix:crypto-holder')).toBeUndefined();
    db.close();
  }, 60_000);

  it('uploads a file encrypted (the homeserver holds only ciphertext) and takes it back decrypted, refusing a changed one', async () => {
    const text = Buffer.from('Questions to Mexico: 33 of 36 still owed. '.repeat(200));
    const file = await uploadEncryptedFile(alice.client, text);
    const raw = Buffer.from(await (await fetch(alice.client.mxcUrlToHttp(file.url, undefined, undefined, undefined, false, true, false)!)).arrayBuffer());
    expect(raw.length).toBe(text.length);
    expect(raw.includes(Buffer.from('Mexico'))).toBe(false);
    expect(encryptedFileIn({ msgtype: 'm.file', body: 'q.txt', file })).toEqual(file);
    expect(await downloadEncryptedFile(alice.client, file, 1_000_000)).toEqual(text);
    await expect(downloadEncryptedFile(alice.client, file, 1_000)).rejects.toMatchObject({ code: 'too-large' });
    const other = await uploadEncryptedFile(alice.client, Buffer.from('something else'));
    await expect(downloadEncryptedFile(alice.client, { ...file, url: other.url }, 1_000_000)).rejects.toMatchObject({ code: 'damaged' });
  }, 60_000);
});

