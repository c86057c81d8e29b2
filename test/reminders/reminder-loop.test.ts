import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { captureLogger, RecordingSender, reminderRoom } from './harness.js';

const HOUR = 3_600_000;

/** A channel subscribed on 2026-11-21 to a deadline on 2026-12-01 (ten days ahead), in Zurich (Geneva) time. */
function setup(options: { withLookup?: boolean } = {}) {
  const clock = new FakeClock('2026-11-21T10:00:00Z');
  const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
  const room = reminderRoom(tempDir(), ledger, clock);
  const sender = new RecordingSender('console', options.withLookup);
  return { clock, ledger, room, sender, ...room };
}

describe('planned reminders for a channel', () => {
  it('lists the 7-, 3-, 1-day and on-day reminders at 09:00 local time for a deadline ten days ahead', async () => {
    const { service } = setup();
    const r = await service.subscribe('console', [], {}, 'console:you');
    expect(r.subscription).toMatchObject({ channel: 'console', states: null, timezone: 'Europe/Zurich', time: '09:00' });
    expect(r.reminders.map((x) => [x.kind, x.dueAt, x.status])).toEqual([
      ['7-days', '2026-11-24T09:00:00+01:00', 'pending'],
      ['3-days', '2026-11-28T09:00:00+01:00', 'pending'],
      ['1-day', '2026-11-30T09:00:00+01:00', 'pending'],
      ['on-day', '2026-12-01T09:00:00+01:00', 'pending'],
    ]);
    expect(r.reminders[0]).toMatchObject({ state: 'Mexico', letter: '000', key: expect.stringContaining('console|000|mexico|7-days|') });
  });

  it('moves pending reminders when the deadline moves, and cancels them when the letter is fully answered', async () => {
    const { service, ledger, store } = setup();
    await service.subscribe('console', ['Mexico'], {}, 'console:you');
    ledger.move('000', '2026-12-08');
    const moved = (await service.list('console')).reminders;
    expect(moved.map((x) => x.dueAt)).toEqual(['2026-11-24T09:00:00+01:00', '2026-12-01T09:00:00+01:00', '2026-12-05T09:00:00+01:00', '2026-12-07T09:00:00+01:00', '2026-12-08T09:00:00+01:00']);
    expect(moved.map((x) => x.kind)).toEqual(['14-days', '7-days', '3-days', '1-day', 'on-day']);
    expect(store.counts()).toMatchObject({ cancelled: 4, pending: 5 });
    ledger.answerAll('000');
    expect((await service.list('console')).reminders).toEqual([]);
    expect(store.counts()).toMatchObject({ cancelled: 9 });
  });

  it('keeps a per-channel time zone and time', async () => {
    const { service } = setup();
    const r = await service.subscribe('matrix:!room:example.org', [], { timezone: 'America/Mexico_City', time: '08:30' }, 'matrix:@a:example.org');
    expect(r.reminders.map((x) => x.dueAt)).toEqual(['2026-11-24T08:30:00-06:00', '2026-11-28T08:30:00-06:00', '2026-11-30T08:30:00-06:00', '2026-12-01T08:30:00-06:00']);
  });

  it('refuses a channel it cannot post to and a zone that does not exist, changing nothing', async () => {
    const { service, store } = setup();
    await expect(service.subscribe('cli', [], {}, 'cli:op')).rejects.toThrow(/not a channel I can post reminders to/);
    await expect(service.subscribe('console', [], { timezone: 'Mars/Olympus_Mons' }, 'cli:op')).rejects.toThrow(/not a time zone I know/);
    await expect(service.subscribe('console', ['Atlantis'], {}, 'cli:op')).rejects.toThrow(/no State called/);
    expect(store.subscriptions()).toEqual([]);
  });

  it('takes Europe/Geneva, the name people use, as Europe/Zurich, the tz database’s', async () => {
    const { service } = setup();
    expect((await service.subscribe('console', [], { timezone: 'Europe/Geneva' }, 'cli:op')).subscription?.timezone).toBe('Europe/Zurich');
  });
});

describe('the reminder loop', () => {
  it('posts a due reminder once, with State, letter, deadline, progress and askers, and never again', async () => {
    const { service, clock, sender, loop } = setup();
    await service.subscribe('console', [], {}, 'console:you');
    const l = loop([sender]);
    expect((await l.tick()).sent).toBe(0);
    clock.set('2026-11-24T08:00:30Z'); // 09:00:30 in Zurich
    expect((await l.tick()).sent).toBe(1);
    expect(await l.tick()).toMatchObject({ sent: 0, failed: 0 });
    expect(sender.posted).toHaveLength(1);
    const text = sender.posted[0]!.text;
    expect(text).toContain('Mexico');
    expect(text).toContain('Questions to Mexico');
    expect(text).toContain('(in 7 days)');
    expect(text).toContain('33 of 36 questions outstanding');
    expect(text).toContain('4–13 Article 19');
    expect(text).toContain('14–36 I(dh)eas; Litigio Estratégico en Derechos Humanos');
    expect(text).not.toContain('late');
    expect((await service.list('console')).reminders[0]).toMatchObject({ kind: '7-days', status: 'sent', messageId: 'console-1' });
  });

  it('does not post for a letter answered after planning, nor to a channel that unsubscribed', async () => {
    const { service, clock, sender, loop, ledger } = setup();
    await service.subscribe('console', [], {}, 'console:you');
    await service.subscribe('slack:C1', [], {}, 'slack:U1');
    const slack = new RecordingSender('slack');
    service.unsubscribe('slack:C1');
    ledger.answerAll('000');
    clock.set('2026-12-01T08:00:00Z');
    await loop([sender, slack]).tick();
    expect(sender.posted).toEqual([]);
    expect(slack.posted).toEqual([]);
  });

  it('retries a failed post with backoff, logging codes but no text, and ends in needs-review after bounded attempts', async () => {
    const { logger, lines } = captureLogger();
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const room = reminderRoom(tempDir(), new FakeLedger([letter({ deadline: '2026-12-01' })]), clock, { logger });
    const sender = new RecordingSender();
    await room.service.subscribe('console', [], {}, 'console:you');
    const l = room.loop([sender], { maxAttempts: 3 });
    clock.set('2026-11-24T08:00:00Z');
    sender.failNext = 1;
    expect(await l.tick()).toMatchObject({ sent: 0, failed: 1 });
    expect(await l.tick()).toMatchObject({ sent: 0, failed: 0 }); // backing off
    clock.advance(61_000);
    expect(await l.tick()).toMatchObject({ sent: 1 });
    expect(sender.posted).toHaveLength(1);

    clock.set('2026-11-28T08:00:00Z');
    sender.failNext = 10;
    for (let i = 0; i < 5; i++) {
      await l.tick();
      clock.advance(HOUR);
    }
    const row = (await room.service.list('console')).reminders.find((x) => x.kind === '3-days');
    expect(row?.status).toBe('needs-review');
    expect(sender.failNext).toBe(7); // three attempts, then no more
    const log = lines.join('');
    expect(log).toContain('platform_error');
    expect(log).toContain('needs review');
    expect(log).not.toContain('platform said no');
    expect(log).not.toContain('Article 19');

    // A coordinator fixes what blocked it and asks for a retry: it is posted, once.
    sender.failNext = 0;
    expect(room.service.retry('console')).toBe(1);
    expect(room.service.retry('console')).toBe(0);
    expect(await l.tick()).toMatchObject({ sent: 1 });
    expect((await room.service.list('console')).reminders.find((x) => x.kind === '3-days')?.status).toBe('sent');
    expect(sender.posted).toHaveLength(2);
  });

  it('leaves reminders for a platform with no running adapter waiting, and posts them once it runs', async () => {
    const { service, clock, sender, loop } = setup();
    await service.subscribe('console', [], {}, 'console:you');
    await service.subscribe('slack:C1', [], {}, 'slack:U1');
    clock.set('2026-11-24T08:00:00Z');
    await loop([sender]).tick();
    expect(sender.posted.map((p) => p.channel)).toEqual(['console']);
    expect((await service.list('slack:C1')).reminders[0]?.status).toBe('pending');
    const slack = new RecordingSender('slack');
    clock.advance(HOUR);
    await loop([slack]).tick();
    expect(slack.posted.map((p) => p.channel)).toEqual(['slack:C1']);
    expect(slack.posted[0]!.text).toContain('Posted late: this reminder was due 1 hour ago.');
  });

  it('posts a reminder missed within the grace window at start, marked late', async () => {
    const { service, clock, sender, loop } = setup();
    await service.subscribe('console', [], {}, 'console:you');
    clock.set('2026-11-24T11:00:00Z'); // the bot was down from before 09:00 until 12:00
    expect((await loop([sender]).tick()).sent).toBe(1);
    expect(sender.posted[0]!.text).toContain('Posted late: this reminder was due 3 hours ago.');
  });

  it('summarises reminders missed beyond the grace window in one message per channel, then carries on', async () => {
    const { service, clock, sender, loop, ledger } = setup();
    ledger.deadlines.push(letter({ letter: '002', letterTitle: 'Follow-up to Mexico', deadline: '2026-11-29' }));
    await service.subscribe('console', [], {}, 'console:you');
    clock.set('2026-11-28T08:30:00Z'); // down since before 22 Nov: three reminders are more than 24 h late, two are due now
    const result = await loop([sender]).tick();
    expect(result).toMatchObject({ summarised: 3, sent: 3 });
    const summary = sender.posted.find((p) => p.key.includes('missed-summary'))!;
    expect(summary.text).toContain('While I was offline, 3 reminders fell due and were not posted');
    expect(summary.text).toContain('Follow-up to Mexico: 3-day reminder, due 2 days ago');
    expect(sender.posted.filter((p) => !p.key.includes('missed-summary')).map((p) => p.key.split('|')[3])).toEqual(['3-days', '1-day']);
    expect((await loop([sender]).tick()).sent).toBe(0);
    expect(sender.posted).toHaveLength(3);
  });

  it('records a reminder that an interrupted attempt already posted, found through the platform, without posting it again', async () => {
    const { service, clock, loop, db } = setup({ withLookup: true });
    const sender = new RecordingSender('console', true);
    await service.subscribe('console', [], {}, 'console:you');
    clock.set('2026-11-24T08:00:00Z');
    // A process claimed the reminder, marked it sending, posted it, and died before recording it.
    const key = (await service.list('console')).reminders[0]!.key;
    db.prepare(`UPDATE reminders SET status = 'sending', lease_owner = 'dead', lease_until = ?, attempts = 1, maybe_sent = 1 WHERE key = ?`).run(clock.now().getTime() + 60_000, key);
    sender.posted.push({ channel: 'console', key, text: '(posted by the dead process)', messageId: 'console-earlier' });
    const l = loop([sender]);
    expect(await l.tick()).toMatchObject({ sent: 0, recovered: 0 }); // the lease still holds
    clock.advance(60_000);
    expect(await l.tick()).toMatchObject({ sent: 0, recovered: 1 });
    expect(sender.posted).toHaveLength(1);
    expect((await service.list('console')).reminders[0]).toMatchObject({ status: 'sent', messageId: 'console-earlier' });
  });

  it('posts each reminder exactly once when two schedulers share one database file', async () => {
    const clock = new FakeClock('2026-11-01T10:00:00Z');
    const dir = tempDir();
    const deadlines = Array.from({ length: 20 }, (_, i) => letter({ letter: `L${i}`, deadline: '2026-12-01' }));
    const a = reminderRoom(dir, new FakeLedger(deadlines), clock);
    const b = reminderRoom(dir, new FakeLedger(deadlines), clock);
    for (const ch of ['console', 'slack:C1', 'slack:C2']) await a.service.subscribe(ch, [], {}, 'op');
    const sender = new RecordingSender('console');
    const slack = new RecordingSender('slack');
    clock.set('2026-12-01T09:00:00Z'); // 14-, 7-, 3-, 1-day reminders are 24 h+ late: summarised; on-day ones are due
    const la = a.loop([sender, slack], { batch: 3 });
    const lb = b.loop([sender, slack], { batch: 3 });
    const [ra, rb] = await Promise.all([la.tick(), lb.tick()]);
    const all = [...sender.posted, ...slack.posted];
    expect(new Set(all.map((p) => p.key)).size).toBe(all.length);
    expect(all.filter((p) => p.key.includes('|on-day|'))).toHaveLength(60);
    expect(all.filter((p) => p.key.includes('missed-summary'))).toHaveLength(3);
    expect(ra.sent + rb.sent).toBe(63);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
  });
});

describe('changing a subscription', () => {
  it('moves the pending reminders to the new hour and does not re-post one that already went out at the old hour', async () => {
    const { service, clock, sender, loop } = setup();
    await service.subscribe('console', [], {}, 'console:you');
    clock.set('2026-11-24T08:00:00Z'); // 09:00 Zurich: the 7-day reminder goes out
    await loop([sender]).tick();
    clock.set('2026-11-24T10:00:00Z');
    const r = await service.subscribe('console', [], { time: '08:00' }, 'console:you');
    expect(r.reminders.filter((x) => x.status === 'pending').map((x) => x.dueAt)).toEqual(['2026-11-28T08:00:00+01:00', '2026-11-30T08:00:00+01:00', '2026-12-01T08:00:00+01:00']);
    await loop([sender]).tick();
    expect(sender.posted).toHaveLength(1);
  });
});

describe('claims', () => {
  it('are renewed while a slow post is under way, so no other scheduler takes the reminder over', async () => {
    const clock = new FakeClock('2026-11-21T10:00:00Z');
    const dir = tempDir();
    const ledger = new FakeLedger([letter({ deadline: '2026-12-01' })]);
    const a = reminderRoom(dir, ledger, clock);
    const b = reminderRoom(dir, ledger, clock);
    await a.service.subscribe('console', [], {}, 'console:you');
    clock.set('2026-11-24T08:00:00Z');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new RecordingSender('console');
    const send = slow.send.bind(slow);
    let started!: () => void;
    const sending = new Promise<void>((r) => (started = r));
    slow.send = async (...args) => {
      started();
      await gate;
      return send(...args);
    };
    const other = new RecordingSender('console');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    const ticking = a.loop([slow], { leaseMs: 60_000 }).tick();
    await sending;
    clock.advance(5 * 60_000); // well past the first lease: only renewals keep the claim
    vi.advanceTimersByTime(20_000); // the heartbeat fires
    expect(await b.loop([other], { leaseMs: 60_000 }).tick()).toMatchObject({ sent: 0, recovered: 0 });
    release();
    expect(await ticking).toMatchObject({ sent: 1 });
    expect(other.posted).toEqual([]);
  });
});
