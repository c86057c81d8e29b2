import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/core/commands/index.js';
import { createCore } from '../../src/core/core.js';
import type { Incoming } from '../../src/core/incoming.js';
import { renderPlain } from '../../src/kernel/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';
import { cli } from '../fakes/run-cli.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { reminderRoom } from './harness.js';

function chat() {
  const clock = new FakeClock('2026-11-21T10:00:00Z');
  const ledger = new FakeLedger([letter({ deadline: '2026-12-01' }), letter({ state: 'Guatemala', stateId: 'guatemala', letter: '003', letterTitle: 'Questions to Guatemala' })]);
  const room = reminderRoom(tempDir(), ledger, clock);
  const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: room.service } as unknown as Services;
  const core = createCore({ registry: buildRegistry(), services, coordinators: ['slack:UCOORD'], logger: silentLogger(), maxInputChars: 4000 });
  const say = (text: string, over: Partial<Incoming> = {}) => core.handle({ platform: 'slack', channel: 'slack:C1', user: 'slack:UCOORD', text, isDirect: false, ...over });
  return { say, room };
}

describe('the reminder commands', () => {
  it('subscribe names the States, the time and zone, and what will be posted; reminders lists it for the channel', async () => {
    const { say } = chat();
    const r = await say('subscribe Mexico --timezone America/Mexico_City');
    expect(r.visibility).toBe('channel');
    const text = renderPlain(r);
    expect(text).toContain('States: Mexico. Reminders at 09:00, America/Mexico_City time.');
    expect(text).toContain('Tue 24 Nov 2026, 09:00 GMT-6');
    expect(text).toContain('Mexico, 000: 7-day reminder');
    const list = await say('reminders', { user: 'slack:UMEMBER' });
    const data = list.data as { reminders: { key: string; state: string; letter: string; kind: string; dueAt: string; status: string }[] };
    expect(data.reminders.map((x) => [x.state, x.kind, x.dueAt, x.status])).toEqual([
      ['Mexico', '7-days', '2026-11-24T09:00:00-06:00', 'pending'],
      ['Mexico', '3-days', '2026-11-28T09:00:00-06:00', 'pending'],
      ['Mexico', '1-day', '2026-11-30T09:00:00-06:00', 'pending'],
      ['Mexico', 'on-day', '2026-12-01T09:00:00-06:00', 'pending'],
    ]);
    expect(renderPlain(await say('reminders', { channel: 'slack:C2' }))).toContain('This channel is not subscribed to reminders.');
  });

  it('only coordinators subscribe and unsubscribe; a bad zone or time is a sentence with a hint and changes nothing', async () => {
    const { say, room } = chat();
    expect(renderPlain(await say('subscribe', { user: 'slack:UMEMBER' }))).toContain('only the coalition');
    expect(renderPlain(await say('subscribe --timezone Mars/Olympus'))).toContain('“Mars/Olympus” is not a time zone I know.');
    expect(renderPlain(await say('subscribe --time 9am'))).toContain('“9am” is not a time of day.');
    expect(renderPlain(await say('subscribe Atlantis'))).toContain('no State called “Atlantis”');
    expect(room.service.store.subscriptions()).toEqual([]);
    await say('subscribe');
    expect(renderPlain(await say('unsubscribe', { user: 'slack:UMEMBER' }))).toContain('only the coalition');
    expect((await say('unsubscribe')).data).toEqual({ channel: 'slack:C1', unsubscribed: true });
    expect((await say('unsubscribe')).data).toEqual({ channel: 'slack:C1', unsubscribed: false });
    expect((await say('reminders')).data).toMatchObject({ subscription: null, reminders: [] });
  });

  it('subscribe without a State follows every tracked State', async () => {
    const { say } = chat();
    const r = await say('subscribe');
    expect(renderPlain(r)).toContain('States: every tracked State.');
    expect(new Set((r.data as { reminders: { state: string }[] }).reminders.map((x) => x.state))).toEqual(new Set(['Mexico', 'Guatemala']));
  });
});

describe('the reminder CLI', () => {
  it('subscribes a named channel and prints its planned reminders as JSON', async () => {
    const env = { PLEDGEWATCH_DATA_DIR: tempDir() };
    const sub = await cli(['subscribe', '--channel', 'console'], env);
    expect(sub.code, sub.err).toBe(0);
    const r = await cli(['reminders', '--channel', 'console', '--json'], env);
    expect(r.code, r.err).toBe(0);
    const data = JSON.parse(r.out);
    expect(data).toMatchObject({ channel: 'console', subscription: { channel: 'console', states: null } });
    expect(Array.isArray(data.reminders)).toBe(true);
    for (const x of data.reminders) expect(x).toMatchObject({ key: expect.any(String), state: expect.any(String), letter: expect.any(String), kind: expect.any(String), dueAt: expect.stringMatching(/T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/), status: expect.any(String) });
  });

  it('refuses to subscribe the CLI itself, naming --channel', async () => {
    const r = await cli(['subscribe'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.err).toContain('--channel');
  });
});
