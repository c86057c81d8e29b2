import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { sqliteDeliveryLogs } from '../../src/storage/delivery-log.js';
import { sqliteKeyValue } from '../../src/storage/key-value.js';
import { storageMigrations, storageSplitMigrations } from '../../src/storage/migrations.js';
import { tempDir } from '../fakes/temp-dir.js';

const migrations = [...storageMigrations, ...storageSplitMigrations];

describe('the delivery log', () => {
  it('recognises a redelivery, even after the database is reopened', () => {
    const file = join(tempDir(), 'd.db');
    const first = openDatabase(file, migrations);
    expect(sqliteDeliveryLogs(first).for('slack').firstDelivery('event:Ev1', 1_000)).toBe(true);
    expect(sqliteDeliveryLogs(first).for('slack').firstDelivery('event:Ev1', 2_000)).toBe(false);
    first.close();
    const again = openDatabase(file, migrations);
    expect(sqliteDeliveryLogs(again).for('slack').firstDelivery('event:Ev1', 3_000)).toBe(false);
    again.close();
  });

  it('keeps each adapter apart: the same key, pruning, and a batch whose first copy of a key is the fresh one', () => {
    const db = openDatabase(join(tempDir(), 'd.db'), migrations);
    const logs = sqliteDeliveryLogs(db);
    const slack = logs.for('slack');
    const matrix = logs.for('matrix');
    slack.firstDelivery('event:old', 0);
    matrix.firstDelivery('event:old', 0);
    slack.firstDelivery('event:new', 90_000);
    expect(slack.prune(60_000, 100_000)).toBe(1);
    expect(matrix.wasDelivered('event:old')).toBe(true);
    expect(slack.wasDelivered('event:old')).toBe(false);
    expect(slack.recordDeliveries(['event:new', 'event:a', 'event:a', 'event:b'], 100_000)).toEqual([false, true, false, true]);
    // The batch went through with synchronous=NORMAL; the connection is back to FULL after.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(logs.prune(50_000, 100_000)).toBe(1);
    db.close();
  });
});

describe('the key-value store', () => {
  it('sets, overwrites, reads and deletes, across a reopen', () => {
    const file = join(tempDir(), 'kv.db');
    const db = openDatabase(file, migrations);
    const kv = sqliteKeyValue(db);
    expect(kv.get('matrix:alive-at')).toBeUndefined();
    kv.set('matrix:alive-at', '1');
    kv.set('matrix:alive-at', '2');
    db.close();
    const again = sqliteKeyValue(openDatabase(file, migrations));
    expect(again.get('matrix:alive-at')).toBe('2');
    expect(again.delete('matrix:alive-at')).toBe(true);
    expect(again.delete('matrix:alive-at')).toBe(false);
  });
});
