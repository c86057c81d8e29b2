import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import type { ExtractedLetter } from '../../src/ledger/extract.js';
import type { NewDocument } from '../../src/library/store.js';
import { defaultPgOptions } from '../../src/storage/pg/session.js';
import { openPgStores, openSqliteStores, type Stores } from '../../src/stores.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../fakes/postgres.js';

/**
 * One contract for the store ports, run against both engines: what the bot observes through each port is the
 * same on SQLite and on PostgreSQL (rows, order, counts, the conditional steps of a reminder's life).
 */

const unavailable = postgresUnavailable();
if (unavailable && process.env.CI !== 'true') console.log(`store-contract.test.ts: the PostgreSQL half skipped: ${unavailable}`);
const withPostgres = !unavailable || process.env.CI === 'true';

let server: TestPostgres | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (withPostgres) server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pw-contract-'));
  dirs.push(d);
  return d;
};

const engines: { name: string; open: () => Promise<Stores> }[] = [
  { name: 'SQLite', open: async () => openSqliteStores(dataDir()) },
  ...(withPostgres ? [{ name: 'PostgreSQL', open: async () => openPgStores(defaultPgOptions(await server!.createDatabase())) }] : []),
];

const letter = (over: Partial<ExtractedLetter> = {}): ExtractedLetter => ({
  letter: 'OL-2024-1',
  title: 'Letter on elections',
  date: '2024-03-01',
  sender: 'Coalition',
  states: ['AR', 'BR'],
  deadline: '2024-06-01',
  deadlineText: 'by 1 June 2024',
  questions: [
    { label: '1', ordinal: 1, text: 'Will you?', askedBy: ['Coalition'], scope: 'state', duringEvent: false, section: null },
    { label: '2', ordinal: 2, text: 'When?', askedBy: ['A', 'B'], scope: 'all', duringEvent: true, section: 'II' },
  ],
  ...over,
});

describe.each(engines)('the stores on $name', ({ open }) => {
  let s: Stores;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(() => s?.close());

  it('key-value: sets, overwrites, reads and deletes', () => {
    expect(s.kv.get('k')).toBeUndefined();
    s.kv.set('k', '1', 1);
    s.kv.set('k', '2', 2);
    expect(s.kv.get('k')).toBe('2');
    expect(s.kv.delete('k')).toBe(true);
    expect(s.kv.delete('k')).toBe(false);
  });

  it('delivery log: first delivery once per adapter, batches, pruning', () => {
    const slack = s.deliveries.for('slack');
    const matrix = s.deliveries.for('matrix');
    expect(slack.firstDelivery('event:old', 0)).toBe(true);
    expect(slack.firstDelivery('event:old', 1)).toBe(false);
    expect(matrix.firstDelivery('event:old', 0)).toBe(true);
    slack.firstDelivery('event:new', 90_000);
    expect(slack.prune(60_000, 100_000)).toBe(1);
    expect(matrix.wasDelivered('event:old')).toBe(true);
    expect(slack.wasDelivered('event:old')).toBe(false);
    expect(slack.recordDeliveries(['event:new', 'event:a', 'event:a', 'event:b'], 100_000)).toEqual([false, true, false, true]);
    expect(slack.recordDeliveries([], 100_000)).toEqual([]);
    expect(s.deliveries.prune(50_000, 100_000)).toBe(1);
  });

  it('ledger: letters, questions, responses with their audit, deadlines, history, changes and the version', () => {
    s.ledger.saveStates([{ id: 'AR', name: 'Argentina', aliases: ['Argentine Republic'] }, { id: 'BR', name: 'Brazil', aliases: [] }], (x) => x.toLowerCase());
    const v0 = s.ledger.version();
    s.ledger.saveLetter(letter(), 'Europe/Geneva', 'alice', '2024-03-02T10:00:00.000Z');
    s.ledger.saveLetter(letter({ letter: 'OL-2023-9', date: null, states: ['AR'], questions: [] }), 'Europe/Geneva', 'alice', '2024-03-02T10:00:00.000Z');
    s.ledger.saveLetter(letter({ letter: 'OL-2024-0', date: '2024-03-01' }), 'Europe/Geneva', 'alice', '2024-03-02T10:00:00.000Z');
    expect(s.ledger.version()).toBeGreaterThan(v0);
    expect(s.ledger.letters().map((l) => l.id)).toEqual(['OL-2024-0', 'OL-2024-1', 'OL-2023-9']);
    expect(s.ledger.questions('OL-2024-1')).toEqual([
      { letter: 'OL-2024-1', label: '1', ordinal: 1, text: 'Will you?', askedBy: ['Coalition'], scope: 'state', duringEvent: false, section: null },
      { letter: 'OL-2024-1', label: '2', ordinal: 2, text: 'When?', askedBy: ['A', 'B'], scope: 'all', duringEvent: true, section: 'II' },
    ]);
    s.ledger.recordResponses({ letter: 'OL-2024-1', stateId: 'AR', labels: ['1', '2'], status: 'answered', note: 'in the reply', actor: 'bob', at: '2024-04-01T00:00:00.000Z' });
    s.ledger.recordResponses({ letter: 'OL-2024-1', stateId: 'AR', labels: ['1'], status: 'partial', note: null, actor: 'bob', at: '2024-04-02T00:00:00.000Z' });
    expect(s.ledger.responses('OL-2024-1', 'AR').sort((a, b) => a.label.localeCompare(b.label))).toEqual([
      { letter: 'OL-2024-1', stateId: 'AR', label: '1', status: 'partial', note: null, recordedBy: 'bob', recordedAt: '2024-04-02T00:00:00.000Z' },
      { letter: 'OL-2024-1', stateId: 'AR', label: '2', status: 'answered', note: 'in the reply', recordedBy: 'bob', recordedAt: '2024-04-01T00:00:00.000Z' },
    ]);
    expect(s.ledger.setDeadline({ letter: 'OL-2024-1', stateId: 'AR', deadline: '2024-07-01', timezone: 'UTC', actor: 'carol', at: '2024-04-03T00:00:00.000Z' })).toEqual({ previous: '2024-06-01' });
    // A re-read keeps a deadline a coordinator set, and audits what changed.
    s.ledger.saveLetter(letter({ questions: [...letter().questions, { label: '3', ordinal: 3, text: 'New?', askedBy: [], scope: 'state', duringEvent: false, section: null }] }), 'UTC', 'alice', '2024-04-04T00:00:00.000Z');
    expect(s.ledger.letterStates().filter((r) => r.letter === 'OL-2024-1')).toEqual([
      { letter: 'OL-2024-1', stateId: 'AR', deadline: '2024-07-01', timezone: 'UTC', deadlineSource: 'set' },
      { letter: 'OL-2024-1', stateId: 'BR', deadline: '2024-06-01', timezone: 'UTC', deadlineSource: 'letter' },
    ]);
    expect(s.ledger.history('OL-2024-1', 'AR', '1').map((a) => [a.action, a.detail])).toEqual([
      ['track', { states: ['AR', 'BR'], questions: 2, deadline: '2024-06-01' }],
      ['answered', { from: 'outstanding', note: 'in the reply' }],
      ['partial', { from: 'answered', note: null }],
      ['deadline', { from: '2024-06-01', to: '2024-07-01' }],
    ]);
    expect(s.ledger.changes('2024-04-02T00:00:00.000Z').map((a) => a.action)).toEqual(['partial', 'deadline', 'reread']);
    expect(s.ledger.markSourceRemoved('OL-2024-1', 'alice', '2024-05-01T00:00:00.000Z')).toBe(3);
    expect(s.ledger.markSourceRemoved('nope', 'alice', '2024-05-01T00:00:00.000Z')).toBe(0);
    expect(s.ledger.letters().find((l) => l.id === 'OL-2024-1')?.sourceRemovedAt).toBe('2024-05-01T00:00:00.000Z');
  });

  it('privacy: sensitive askers and private channels', () => {
    expect(s.privacy.setSensitive('Zeta Group', true, 'a', 't')).toBe(true);
    expect(s.privacy.setSensitive('zeta  group', true, 'a', 't')).toBe(false);
    expect(s.privacy.setSensitive('Alpha', true, 'a', 't')).toBe(true);
    expect(s.privacy.sensitiveAskers()).toEqual(['Alpha', 'Zeta Group']);
    expect(s.privacy.setSensitive('ZETA GROUP', false, 'a', 't')).toBe(true);
    expect(s.privacy.setChannelPrivate('slack:C1', true, 'a', 't')).toBe(true);
    expect(s.privacy.isPrivateChannel('slack:C1')).toBe(true);
    expect(s.privacy.setChannelPrivate('slack:C1', false, 'a', 't')).toBe(true);
    expect(s.privacy.isPrivateChannel('slack:C1')).toBe(false);
  });

  it('page links: used exactly once, peeked, expired, sessions, pruning', () => {
    s.links.addLink({ hash: 'h1', expiresAt: 1_000, reveal: true, createdAt: 0 });
    expect(s.links.peekLink('h1', 10)).toBe('valid');
    expect(s.links.consumeLink('h1', 10)).toEqual({ ok: true, reveal: true });
    expect(s.links.consumeLink('h1', 11)).toEqual({ ok: false, reason: 'used' });
    expect(s.links.consumeLink('h2', 11)).toEqual({ ok: false, reason: 'unknown' });
    s.links.addLink({ hash: 'h3', expiresAt: 5, reveal: false, createdAt: 0 });
    expect(s.links.consumeLink('h3', 10)).toEqual({ ok: false, reason: 'expired' });
    s.links.addSession({ hash: 's1', expiresAt: 2_000, reveal: false, createdAt: 0 });
    expect(s.links.session('s1', 10)).toEqual({ reveal: false, expiresAt: 2_000 });
    expect(s.links.session('s1', 2_000)).toBeUndefined();
    expect(s.links.prune(24 * 3_600_000 + 3_000)).toBe(3);
  });

  it('reminders: subscriptions, planned rows, claims, the steps of a post, missed rows, counts', () => {
    const r = s.reminders;
    r.subscribe({ channel: 'slack:C1', states: ['AR'], timezone: null, time: null }, 'alice', 100);
    r.subscribe({ channel: 'slack:C1', states: null, timezone: null, time: null }, 'alice', 200);
    expect(r.subscription('slack:C1')).toEqual({ channel: 'slack:C1', states: null, timezone: null, time: null, createdAt: 100 });
    r.subscribe({ channel: 'slack:C1', states: null, timezone: 'UTC', time: '09:00' }, 'alice', 300);
    expect(r.subscription('slack:C1')?.createdAt).toBe(300);
    r.subscribe({ channel: 'matrix:!r:hs', states: null, timezone: null, time: null, weekdays: true }, 'alice', 300);
    expect(r.subscription('matrix:!r:hs')?.weekdays).toBe(true); // `subscribe --weekdays`
    expect(r.subscriptions().map((x) => x.channel).sort()).toEqual(['matrix:!r:hs', 'slack:C1']);
    const row = (key: string, dueAt: number, channel = 'slack:C1') => ({ key, channel, letter: 'L', stateId: 'AR', state: 'Argentina', kind: '7-days' as const, dueAt, zone: 'UTC', deadline: '2024-06-01' });
    r.transaction(() => {
      expect(r.insert(row('b', 1_000), 0)).toBe(1);
      expect(r.insert(row('a', 1_000), 0)).toBe(1);
      expect(r.insert(row('c', 5_000), 0)).toBe(1);
      expect(r.insert(row('m', 1_000, 'matrix:!r:hs'), 0)).toBe(1);
      expect(r.insert(row('a', 1_000), 0)).toBe(0);
    }, { derived: true });
    expect(r.row('a')?.platform).toBe('slack');
    expect(r.pendingKeys().map((k) => k.key).sort()).toEqual(['a', 'b', 'c', 'm']);
    expect(r.pendingOf({ channel: 'slack:C1' }).map((k) => k.key).sort()).toEqual(['a', 'b', 'c']);
    expect(r.pendingOf({ letter: 'L', stateId: 'AR' })).toHaveLength(4);
    expect(r.cancel('c', 10)).toBe(1);
    expect(r.insert(row('c', 5_000), 20)).toBe(1); // a cancelled row is revived
    const claimed = r.claim({ owner: 'p1', platforms: ['slack'], now: 2_000, leaseMs: 1_000, limit: 10 });
    expect(claimed.map((x) => [x.key, x.status, x.leaseOwner, x.attempts, x.maybeSent])).toEqual([
      ['a', 'claimed', 'p1', 1, false],
      ['b', 'claimed', 'p1', 1, false],
    ]);
    expect(r.claim({ owner: 'p2', platforms: ['slack'], now: 2_500, leaseMs: 1_000, limit: 10 })).toEqual([]);
    expect(r.markSending('a', 'p2', 2_500)).toBe(false);
    expect(r.markSending('a', 'p1', 2_500)).toBe(true);
    // p1 dies mid-send: after the lease, another process claims it, flagged maybe-sent.
    const again = r.claim({ owner: 'p2', platforms: ['slack'], now: 3_500, leaseMs: 1_000, limit: 1 });
    expect(again.map((x) => [x.key, x.attempts, x.maybeSent])).toEqual([['a', 2, true]]);
    expect(r.markSent('a', 'ts-1', 3_600)).toBe(true);
    expect(r.row('a')).toMatchObject({ status: 'sent', messageId: 'ts-1', sentAt: 3_600, leaseOwner: null });
    expect(r.renew('p1', 10_000)).toBe(1);
    r.fail('b', 'p1', 'rate limited', 4_000, { status: 'pending', nextAttemptAt: 9_000 });
    expect(r.row('b')).toMatchObject({ status: 'pending', lastError: 'rate limited', nextAttemptAt: 9_000 });
    r.claim({ owner: 'p3', platforms: ['slack'], now: 9_000, leaseMs: 1_000, limit: 10 });
    expect(r.release('p3', 9_001)).toBe(2);
    expect(r.row('b')).toMatchObject({ status: 'pending', attempts: 1 });
    r.claim({ owner: 'p4', platforms: ['slack'], now: 9_100, leaseMs: 1_000, limit: 1 });
    r.fail('b', 'p4', 'not in channel', 9_200, { status: 'needs-review', nextAttemptAt: 0 });
    expect(r.retryNeedsReview('slack:C1', 9_300)).toBe(1);
    r.claim({ owner: 'p5', platforms: ['slack'], now: 9_400, leaseMs: 1_000, limit: 1 });
    r.cancelClaimed('b', 'p5', 9_500);
    expect(r.row('b')?.status).toBe('cancelled');
    expect(r.missedChannels(2_000, ['matrix', 'slack'])).toEqual(['matrix:!r:hs']);
    expect(r.missedCandidates('matrix:!r:hs', 2_000).map((x) => x.key)).toEqual(['m']);
    r.insert({ ...row('sum', 9_000, 'matrix:!r:hs'), kind: 'missed-summary', deadline: null, platform: 'matrix', payload: '["m"]' }, 9_000);
    r.markMissed(['m'], 'sum', 9_000);
    expect(r.row('m')).toMatchObject({ status: 'missed', summaryKey: 'sum' });
    expect(r.forChannel('slack:C1', 0).map((x) => [x.key, x.status])).toEqual([
      ['a', 'sent'],
      ['c', 'pending'],
    ]);
    expect(r.counts()).toEqual({ sent: 1, cancelled: 1, pending: 2, missed: 1 });
    r.setState('plan', 'x');
    expect(r.getState('plan')).toBe('x');
    r.setPlanMark('d:L:AR', 'in');
    r.setPlanMark('d:L:BR', 'in');
    r.setPlanMark('d:L:BR', null);
    expect([...r.planMarks()]).toEqual([['d:L:AR', 'in']]);
    expect(r.unsubscribe('slack:C1', 9_600)).toBe(true);
    expect(r.unsubscribe('slack:C1', 9_600)).toBe(false);
    expect(r.row('c')?.status).toBe('cancelled');
  });

  it('library: documents in the order added, passages, generations, removal; files by content', () => {
    const passage = (text: string): IndexedPassage => ({ text, body: text }) as unknown as IndexedPassage;
    const doc = (id: string, sha: string): NewDocument => ({
      id, title: `Doc ${id}`, kind: 'report', kindSource: 'guess', format: 'pdf', date: null, dateLabel: null, symbol: null, language: 'en', pages: 3,
      author: null, recipient: null, file: `${id}.pdf`, sha256: sha, size: 10, source: 'added', addedBy: 'alice', addedAt: '2024-01-01T00:00:00.000Z',
      text: 'Hello', blocks: null,
    } as NewDocument);
    const g0 = s.library.generation();
    const g1 = s.library.save(doc('zz', 'a'.repeat(64)), [{ passage: passage('one'), terms: { tf: [{ one: 1 }], len: [1] } }, { passage: passage('two'), terms: { tf: [], len: [] } }]);
    expect(g1).toBe(g0 + 1);
    s.library.save(doc('aa', 'b'.repeat(64)), []);
    expect(s.library.documents().map((d) => [d.id, d.passages])).toEqual([['zz', 2], ['aa', 0]]);
    expect(s.library.document('zz')).toMatchObject({ kindSource: 'guess', version: g1, addedBy: 'alice', removedAt: null });
    expect(s.library.content('zz')).toEqual({ text: 'Hello', blocks: null });
    expect(s.library.passagesOf('zz').map((p) => [p.seq, JSON.parse(p.data).text])).toEqual([[1, 'one'], [2, 'two']]);
    expect(s.library.liveBySha('a'.repeat(64))?.id).toBe('zz');
    s.library.repair('zz', [{ passage: passage('only'), terms: { tf: [], len: [] } }]);
    expect(s.library.generation()).toBe(g0 + 2);
    expect(s.library.document('zz')?.passages).toBe(1);
    s.library.setKind('zz', 'letter');
    expect(s.library.document('zz')?.kindSource).toBe('set');
    s.library.markRemoved('zz', 'bob', '2024-02-01T00:00:00.000Z');
    expect(s.library.documents().map((d) => d.id)).toEqual(['aa']);
    expect(s.library.documents({ removed: true }).map((d) => d.id)).toEqual(['zz', 'aa']);
    expect(s.library.liveBySha('a'.repeat(64))).toBeUndefined();
    expect([...s.library.ids()].sort()).toEqual(['aa', 'zz']);

    const bytes = new TextEncoder().encode('%PDF-1.4 original file');
    const hash = s.blobs.put(bytes);
    expect(s.blobs.put(bytes)).toBe(hash);
    expect(s.blobs.has(hash)).toBe(true);
    expect(Buffer.from(s.blobs.get(hash)!).toString()).toBe('%PDF-1.4 original file');
    s.blobs.delete(hash);
    expect(s.blobs.has(hash)).toBe(false);
    expect(s.blobs.get(hash)).toBeUndefined();
  });
});

describe('the schema versions', () => {
  it('are one list with both dialects: every migration the app applies has its PostgreSQL form', async () => {
    const { migrations } = await import('../../src/stores.js');
    expect(migrations.filter((m) => m.pg === undefined).map((m) => m.id)).toEqual([]);
    expect(new Set(migrations.map((m) => m.id)).size).toBe(migrations.length);
  });
});
