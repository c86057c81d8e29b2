import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildRegistry } from '../../src/core/commands/index.js';
import { createCore } from '../../src/core/core.js';
import type { Incoming, Platform } from '../../src/core/incoming.js';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/logging.js';
import { consoleInProcess } from '../fakes/console-chat.js';
import { cli } from '../fakes/run-cli.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { FakeLedger, letter } from './fake-ledger.js';
import { reminderRoom } from './harness.js';

/** The real registry and core over a reminder room whose ledger tracks Mexico, Guatemala and Costa Rica. */
function chat() {
  const clock = new FakeClock('2026-11-21T10:00:00Z');
  const ledger = new FakeLedger([
    letter({ deadline: '2026-12-01' }),
    letter({ state: 'Guatemala', stateId: 'guatemala', letter: '003', letterTitle: 'Questions to Guatemala' }),
    letter({ state: 'Costa Rica', stateId: 'costa-rica', letter: '004', letterTitle: 'Questions to Costa Rica' }),
  ]);
  const room = reminderRoom(tempDir(), ledger, clock);
  const services = { clock, timezone: 'Europe/Zurich', logger: silentLogger(), ledger, reminders: room.service } as unknown as Services;
  const core = createCore({ registry: buildRegistry(), services, coordinators: ['slack:UCOORD'], logger: silentLogger(), maxInputChars: 4000 });
  const say = (text: string, over: Partial<Incoming> = {}) => core.handle({ platform: 'slack', channel: 'slack:C1', user: 'slack:UCOORD', text, isDirect: false, ...over });
  const states = async () => (await room.service.list('slack:C1')).subscription?.states;
  const pendingStates = async () => [...new Set((await room.service.list('slack:C1')).reminders.filter((r) => r.status === 'pending').map((r) => r.state))].sort();
  return { say, states, pendingStates, core };
}
const isError = (r: Reply) => r.blocks.some((b) => b.kind === 'error');

describe('unsubscribe <State…>', () => {
  it('removes only the States named and keeps the rest, naming them', async () => {
    const { say, states, pendingStates } = chat();
    await say('subscribe Mexico Guatemala Costa Rica');
    expect(await pendingStates()).toEqual(['Costa Rica', 'Guatemala', 'Mexico']);
    const r = await say('unsubscribe Guatemala');
    expect(renderPlain(r)).toBe('This channel will no longer get reminders for Guatemala. It still gets them for Mexico and Costa Rica.');
    expect(r.visibility).toBe('channel');
    expect(r.data).toEqual({ channel: 'slack:C1', unsubscribed: false, removed: ['Guatemala'], notSubscribed: [], states: ['Mexico', 'Costa Rica'] });
    expect(await states()).toEqual(['Mexico', 'Costa Rica']);
    // Guatemala's pending reminders are cancelled; the others stay
    expect(await pendingStates()).toEqual(['Costa Rica', 'Mexico']);

    // a multi-word name, and a State the channel was not getting
    expect(renderPlain(await say('unsubscribe Costa Rica Guatemala'))).toBe('This channel will no longer get reminders for Costa Rica. It still gets them for Mexico.\n\nThis channel was not getting reminders for Guatemala.');
    expect(await states()).toEqual(['Mexico']);
    expect(renderPlain(await say('unsubscribe Guatemala'))).toBe('This channel was not getting reminders for Guatemala. Nothing changed.');
    expect(await states()).toEqual(['Mexico']);

    // the last State named ends the subscription
    const last = await say('unsubscribe Mexico');
    expect(renderPlain(last)).toBe('This channel will get no more reminders: it got them only for Mexico.');
    expect(last.data).toMatchObject({ unsubscribed: true, states: [] });
    expect(await states()).toBeUndefined();
    expect(await pendingStates()).toEqual([]);
  });

  it('from "every tracked State", keeps the others by name and says so', async () => {
    const { say, states } = chat();
    await say('subscribe');
    expect(await states()).toBeNull();
    const r = await say('unsubscribe Mexico');
    expect(renderPlain(r)).toMatch(/^This channel will no longer get reminders for Mexico\. It still gets them for Guatemala and Costa Rica \(no longer for every tracked State/);
    expect(await states()).toEqual(['Guatemala', 'Costa Rica']);
  });

  it('bare unsubscribe still removes it all; an unknown State or a member changes nothing', async () => {
    const { say, states } = chat();
    await say('subscribe Mexico Guatemala');
    const unknown = await say('unsubscribe Atlantis');
    expect(isError(unknown)).toBe(true);
    expect(renderPlain(unknown)).toMatch(/Atlantis/);
    expect(isError(await say('unsubscribe Guatemala', { user: 'slack:UMEMBER' }))).toBe(true);
    expect(await states()).toEqual(['Mexico', 'Guatemala']);
    expect((await say('unsubscribe')).data).toEqual({ channel: 'slack:C1', unsubscribed: true });
    expect(await states()).toBeUndefined();
    expect(renderPlain(await say('unsubscribe Mexico'))).toBe('This channel was not subscribed to reminders; nothing changed.');
  });
});

describe('commands that take no argument', () => {
  it('refuse extra words with a sentence, every one the registry has, on every platform it is offered on', async () => {
    const { core, say, states } = chat();
    await say('subscribe Mexico');
    const none = core.registry.commands.filter((c) => c.usage === c.name);
    expect(none.map((c) => c.name)).toEqual(expect.arrayContaining(['deadlines', 'reminders', 'retry-reminders', 'doctor', 'index']));
    for (const c of none) {
      const platform: Platform = c.platforms?.[0] ?? 'slack';
      const r = await say(`${c.name} Guatemala`, { platform });
      expect(isError(r), `${c.name} Guatemala`).toBe(true);
      expect(renderPlain(r)).toMatch(new RegExp(`\`${c.name}\` takes no(thing after it| words)`));
    }
    expect(await states()).toEqual(['Mexico']);
  });

  it('in the console chat: `reminders for Mexico` and `unsubscribe Guatemala` never do the broader thing', async () => {
    const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: tempDir() }), { logger: silentLogger() });
    const chat = await consoleInProcess(app.core);
    await chat.say('subscribe Mexico Guatemala', 'This channel is subscribed');
    await chat.say('reminders for Mexico', '`reminders` takes nothing after it, so I did not act on "for Mexico".');
    await chat.say('unsubscribe Guatemala', 'This channel will no longer get reminders for Guatemala. It still gets them for Mexico.');
    await chat.stop();
    expect((await app.services.reminders.list('console')).subscription?.states).toEqual(['Mexico']);
    app.close();
  });

  it('from the command line, `doctor` with extra words is refused too', async () => {
    const r = await cli(['doctor', 'now', 'please'], { PLEDGEWATCH_DATA_DIR: tempDir() });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/`doctor` takes nothing after it, so I did not act on "now please"/);
  });
});

describe('commands that take a few words', () => {
  it('refuse words they would otherwise ignore, and change nothing', async () => {
    const data = tempDir();
    const env = { PLEDGEWATCH_DATA_DIR: data };
    const exported = await cli(['export', 'Mexico', 'csv', 'Guatemala'], env);
    expect(exported.code).toBe(1);
    expect(exported.err).toMatch(/I don't know what "csv Guatemala" means here\./);
    const track = await cli(['track', 'ishr-2020-mexico-questions', 'now', '--yes'], env);
    expect(track.code).toBe(1);
    // track names its document by any part of its id or title, so the extra word is part of the name: no such document
    expect(track.err).toMatch(/There is no document "ishr-2020-mexico-questions now"/);
    expect((await cli(['track', 'ishr-2020-mexico-questions', 'yes'], env)).code).toBe(0);
    const backup = await cli(['backup', join(data, 'a.db'), join(data, 'b.db')], env);
    expect(backup.code).toBe(1);
    expect(backup.err).toMatch(/Name one file to write the backup to\./);
    expect(existsSync(join(data, 'a.db'))).toBe(false);
  });
});
