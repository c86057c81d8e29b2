import { DateTime } from 'luxon';
import pino from 'pino';
import { createReminderService } from '../../src/reminders/service.js';
import type { ReminderStore } from '../../src/reminders/store.js';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock.js';
import { seededRandom } from '../fakes/random.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { defaultPolicy, reminderRoom } from './harness.js';

type Room = ReturnType<typeof reminderRoom>;

/** The pending rows of a room due from `from` on: what it will post. */
const pendingFrom = (room: Room, from: number): string[] =>
  (room.db.prepare(`SELECT key FROM reminders WHERE status = 'pending' AND kind != 'missed-summary' AND due_at >= ? ORDER BY key`).all(from) as { key: string }[]).map((r) => r.key);

/** The same ledger and subscriptions planned from scratch, in a database of its own, at `clock`'s time. */
async function fromScratch(room: Room, ledger: FakeLedger, clock: FakeClock): Promise<Room> {
  const fresh = reminderRoom(tempDir(), new FakeLedger(ledger.letterDeadlines()), clock);
  for (const s of room.store.subscriptions()) fresh.store.subscribe(s, 'test', s.createdAt);
  await fresh.service.plan();
  return fresh;
}

describe('incremental planning', () => {
  it('ends with the rows a plan from scratch makes, whatever changed in between (random deadlines, answers, subscriptions, days)', async () => {
    const random = seededRandom(18);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const clock = new FakeClock('2026-10-26T10:00:00Z');
    const day = (offset: number) => DateTime.fromISO('2026-11-09').plus({ days: offset }).toISODate()!;
    const states = [
      { state: 'Mexico', stateId: 'mexico' },
      { state: 'Guatemala', stateId: 'guatemala' },
      { state: 'Costa Rica', stateId: 'costa-rica' },
    ];
    const full = letter().outstanding;
    const ledger = new FakeLedger(Array.from({ length: 9 }, (_, i) => letter({ ...states[i % 3]!, letter: `L${i}`, deadline: i === 4 ? null : day(i * 4 - 12) })));
    const room = reminderRoom(tempDir(), ledger, clock);
    const channels = ['console', 'slack:C1', 'slack:C2', 'matrix:!r:example.org'];
    const ops = [
      () => ledger.move(pick(ledger.deadlines).letter, random() < 0.15 ? null : day(Math.floor(random() * 40) - 20)),
      () => ledger.answerAll(pick(ledger.deadlines).letter),
      () => (pick(ledger.deadlines).outstanding = [...full]),
      () => room.service.subscribe(pick(channels), random() < 0.4 ? [] : [pick(states).state], { time: random() < 0.5 ? undefined : pick(['08:00', '09:00', '17:30']), timezone: random() < 0.7 ? undefined : pick(['America/Mexico_City', 'Europe/Zurich', 'Asia/Tokyo']) }, 'test'),
      () => room.service.unsubscribe(pick(channels)),
      () => clock.advance(Math.floor(random() * 60) * 3_600_000),
      () => clock.advance(Math.floor(random() * 10) * 86_400_000),
    ];
    for (const ch of channels.slice(0, 3)) await room.service.subscribe(ch, [], {}, 'test');
    for (let step = 0; step < 60; step++) {
      await pick(ops)();
      if (random() < 0.5) continue; // several changes between two plans, sometimes
      await room.service.plan();
      const fresh = await fromScratch(room, ledger, clock);
      // Older digests may still wait in the incremental room (nothing posts here); both plan the week before today.
      const from = DateTime.fromJSDate(clock.now(), { zone: 'utc' }).startOf('day').minus({ weeks: 1 }).toMillis();
      expect(pendingFrom(room, from), `step ${step} at ${clock.now().toISOString()}`).toEqual(pendingFrom(fresh, from));
      fresh.close();
    }
  }, 120_000);

  it('plans the new overdue digest of a new day without touching anything else, and nothing when nothing changed', async () => {
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const ledger = new FakeLedger([letter({ deadline: '2026-11-25' }), letter({ letter: '001', deadline: '2027-03-01' })]);
    const room = reminderRoom(tempDir(), ledger, clock);
    await room.service.subscribe('console', [], {}, 'test');
    expect((await room.service.plan()).planned).toBe(0);
    clock.set('2026-11-26T10:00:00Z'); // digests are planned 8 days ahead: Monday 30 November is now in reach
    expect(await room.service.plan()).toMatchObject({ planned: 1, cancelled: 0 });
    clock.set('2026-11-27T10:00:00Z');
    expect(await room.service.plan()).toMatchObject({ planned: 0, cancelled: 0 });
    const digests = (await room.service.list('console')).reminders.filter((r) => r.kind === 'overdue').map((r) => r.dueAt);
    expect(digests).toEqual(['2026-11-30T09:00:00+01:00']);
    clock.set('2026-12-01T10:00:00Z'); // the window reaches Monday 7 December
    expect((await room.service.plan()).planned).toBe(1);
    expect((await room.service.list('console')).reminders.filter((r) => r.kind === 'overdue').map((r) => r.dueAt)).toEqual(['2026-11-30T09:00:00+01:00', '2026-12-07T09:00:00+01:00']);
  });

  it('two planners on one database file agree: what one planned the other does not redo or undo', async () => {
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const dir = tempDir();
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const a = reminderRoom(dir, ledger, clock);
    const b = reminderRoom(dir, ledger, clock);
    await a.service.subscribe('console', [], {}, 'test');
    expect(await b.service.plan()).toMatchObject({ planned: 0, cancelled: 0 });
    ledger.move('000', '2026-12-08');
    const [ra, rb] = await Promise.all([a.service.plan(), b.service.plan()]);
    expect([ra.planned + rb.planned, ra.cancelled + rb.cancelled]).toEqual([5, 4]);
    expect((await a.service.list('console')).reminders.map((r) => r.dueAt)).toEqual(['2026-11-24T09:00:00+01:00', '2026-12-01T09:00:00+01:00', '2026-12-05T09:00:00+01:00', '2026-12-07T09:00:00+01:00', '2026-12-08T09:00:00+01:00']);
    expect(a.store.counts()).toMatchObject({ pending: 5, cancelled: 4 });
  });

  it('reads the ledger again only when its version moved', async () => {
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const fake = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    let version = 1;
    let reads = 0;
    const ledger = Object.assign(Object.create(fake) as FakeLedger, { deadlinesVersion: () => String(version), letterDeadlines: () => (reads++, fake.letterDeadlines()) });
    const room = reminderRoom(tempDir(), ledger, clock);
    await room.service.subscribe('console', [], {}, 'test');
    await room.service.plan();
    clock.advance(60_000);
    await room.service.plan();
    expect(reads).toBe(1);
    fake.move('000', '2026-12-08');
    version++;
    expect(await room.service.plan()).toMatchObject({ planned: 5, cancelled: 4 });
    expect(reads).toBe(2);
  });

  it('a plan that stopped half-way (its process died) is finished by the next one, even when the change was undone meanwhile', async () => {
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    const ledger = new FakeLedger(Array.from({ length: 12 }, (_, i) => letter({ letter: `L${i}`, deadline: '2026-12-01' })));
    const room = reminderRoom(tempDir(), ledger, clock);
    await room.service.subscribe('console', [], {}, 'test');
    const before = pendingFrom(room, 0);
    // The same room in a process that dies at its 20th row, one step per transaction (what got committed stays).
    let inserts = 0;
    const dying: ReminderStore = Object.assign(Object.create(room.store) as ReminderStore, {
      insert: (...args: Parameters<ReminderStore['insert']>) => {
        if (++inserts === 20) throw new Error('killed');
        return room.store.insert(...args);
      },
    });
    const other = createReminderService({ store: dying, ledger, policy: defaultPolicy, timezone: 'Europe/Zurich', clock, logger: pino({ level: 'silent' }), planSliceMs: 0 });
    for (const d of ledger.deadlines) d.deadline = '2026-12-15';
    await expect(other.plan()).rejects.toThrow('killed');
    for (const d of ledger.deadlines) d.deadline = '2026-12-01'; // undone before anyone planned again
    await room.service.plan();
    expect(pendingFrom(room, 0)).toEqual(before);
    const fresh = await fromScratch(room, ledger, clock);
    expect(pendingFrom(room, 0)).toEqual(pendingFrom(fresh, 0));
  });
});
