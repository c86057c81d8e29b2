import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { inboxMigrations, sqliteInbox } from '../../src/storage/inbox.js';
import { tempDir } from '../fakes/temp-dir.js';

describe('the inbox of handled deliveries', () => {
  it('recognises a redelivery, even after the database is reopened', () => {
    const file = join(tempDir(), 'inbox.db');
    const first = openDatabase(file, inboxMigrations);
    expect(sqliteInbox(first).firstDelivery('slack:event:Ev1', 1_000)).toBe(true);
    expect(sqliteInbox(first).firstDelivery('slack:event:Ev1', 2_000)).toBe(false);
    first.close();
    const again = openDatabase(file, inboxMigrations);
    expect(sqliteInbox(again).firstDelivery('slack:event:Ev1', 3_000)).toBe(false);
    again.close();
  });

  it('lets one adapter forget its old records without touching another adapter’s', () => {
    const db = openDatabase(join(tempDir(), 'inbox.db'), inboxMigrations);
    const inbox = sqliteInbox(db);
    inbox.firstDelivery('slack:event:old', 0);
    inbox.firstDelivery('matrix:event:$old', 0);
    inbox.firstDelivery('slack:event:new', 90_000);
    expect(inbox.prune(60_000, 100_000, 'slack:')).toBe(1);
    expect(inbox.firstDelivery('slack:event:old', 100_000)).toBe(true);
    expect(inbox.firstDelivery('matrix:event:$old', 100_000)).toBe(false);
    expect(inbox.firstDelivery('slack:event:new', 100_000)).toBe(false);
    db.close();
  });
});
