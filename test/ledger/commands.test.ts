import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

const COORDINATOR = 'slack:UCOORD';
const MEMBER = 'slack:UMEMBER';

function start(now = '2020-10-01T12:00:00Z'): { app: App; say: (text: string, user?: string) => Promise<Reply>; clock: FakeClock } {
  const dir = tempDir();
  const clock = new FakeClock(now);
  const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_COORDINATORS: COORDINATOR, PLEDGEWATCH_TIMEZONE: 'America/Mexico_City' }), { logger: silentLogger(), clock });
  const say = (text: string, user = COORDINATOR) => app.core.handle({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false } satisfies Incoming);
  return { app, say, clock };
}
const plain = (r: Reply) => renderPlain(r);
const isError = (r: Reply) => r.blocks.some((b) => b.kind === 'error');
type Owed = { state: string; outstanding: { letter: string; number: string; scope: string; askedBy: string[]; deadline: string | null }[] };

describe('outstanding', () => {
  it('lists, for a fresh data dir, the 36 questions of seed 000 and the 18 recommendations of seed 001', async () => {
    const { say, app } = start();
    const r = await say('outstanding México', MEMBER);
    const data = r.data as Owed;
    expect(data.state).toBe('Mexico');
    expect(data.outstanding.filter((q) => q.letter === 'ishr-2020-mexico-questions')).toHaveLength(36);
    expect(data.outstanding.filter((q) => q.letter === 'ngo-2013-open-letter')).toHaveLength(18);
    expect(data.outstanding.find((q) => q.number === '5')).toMatchObject({ scope: 'state', deadline: '2020-10-09' });
    expect(plain(r)).toMatch(/due 2020-10-09 \(8 days left\) · 36 of 36 outstanding/);
    expect(plain(r)).toMatch(/5 In 2019, the UN Human Rights Committee ruled against Mexico/);
    app.close();
  });

  it('without a State gives one line per State with counts and the nearest deadline', async () => {
    const { say, app } = start();
    const r = await say('outstanding', MEMBER);
    expect(plain(r)).toMatch(/Mexico 54 of 54 outstanding\n\s+due 2020-10-09 \(8 days left\)/);
    app.close();
  });
});

describe('recording responses', () => {
  it('takes 5, 5,7,9 and 19-36, names the letter it acted on, and counts what is left', async () => {
    const { say, app } = start();
    expect(plain(await say('answered Mexico 5'))).toMatch(/Mexico, ishr-2020-mexico-questions: question 5 recorded as answered\. 35 of 36 still outstanding/);
    expect(plain(await say('partial Mexico 7,9 https://example.org/reply'))).toMatch(/questions 7, 9 recorded as partial\. 33 of 36 still outstanding\.\s+Note: https:\/\/example\.org\/reply\n/);
    expect(plain(await say('declined mexico 19-36'))).toMatch(/questions 19, 20, .*36 recorded as declined\. 15 of 36 still outstanding/);
    expect(plain(await say('reopen MX 36 they replied after all'))).toMatch(/question 36 reopened\. 16 of 36 still outstanding\.\s+Note: they replied after all/);
    const owed = (await say('outstanding Mexico --letter ishr', MEMBER)).data as Owed;
    expect(owed.outstanding.map((q) => q.number)).toEqual(['1', '2', '3', '4', '6', '8', '10', '11', '12', '13', '14', '15', '16', '17', '18', '36']);
    app.close();
  });

  it('acts on the most recent letter unless another is named, with section labels for seed 001', async () => {
    const { say, app } = start();
    expect(plain(await say('answered Mexico 2.4 --letter ngo-2013'))).toMatch(/ngo-2013-open-letter: question 2\.4 recorded as answered/);
    expect(plain(await say('answered Mexico 2.4'))).toMatch(/There is no question 2\.4 in ishr-2020-mexico-questions\.\nIts questions are 1–36\. Those numbers are in ngo-2013-open-letter: add --letter ngo-2013-open-letter\./);
    expect(plain(await say('question Mexico 3.2', MEMBER))).toMatch(/There is no question 3\.2 in ishr-2020-mexico-questions\.\nIts questions are 1–36\. Question 3\.2 is in ngo-2013-open-letter: add --letter ngo-2013-open-letter\./);
    expect(plain(await say('question Mexico 3.2 --letter ngo', MEMBER))).toMatch(/Mexico · question 3\.2 of Open Letter to candidates/);
    app.close();
  });

  it('keeps the history of a question: who recorded what, when', async () => {
    const { say, app, clock } = start();
    await say('declined Mexico 5');
    clock.advance(86_400_000);
    await say('answered Mexico 5 https://example.org/late');
    const r = await say('question Mexico 5', MEMBER);
    expect(plain(r)).toMatch(/History\n\s+• 2020-10-01 declined\n\s+by slack:UCOORD\n\s+• 2020-10-02 answered: https:\/\/example\.org\/late/);
    app.close();
  });

  it.each([
    ['answered Atlantis 5', /don't know a State called "Atlantis"/],
    ['answered Mexico 37', /There is no question 37 in ishr-2020-mexico-questions\.\nIts questions are 1–36/],
    ['answered Mexico 1-999999999', /The range 1-999999999 runs past the questions of ishr-2020-mexico-questions: there is no question 999999999\.\nIts questions are 1–36/],
    ['answered Mexico 1-99999999999999999999999', /is not a range of questions in ishr-2020-mexico-questions/],
    ['answered Mexico 4 --letter ngo', /There is no question 4 in ngo-2013-open-letter\.\nIts questions are 1\.1–1\.5, 2\.1–2\.11, 3\.1–3\.2/],
    ['question Atlantis 5', /don't know a State called "Atlantis"/],
    ['question Mexico 99', /There is no question 99 in ishr-2020-mexico-questions/],
    ['outstanding Narnia', /don't know a State called "Narnia"/],
    ['outstanding Peru', /No letter to Peru is tracked/],
    ['deadline Atlantis 2026-01-01', /don't know a State called "Atlantis"/],
    ['deadline Mexico nope 2026-01-01', /Mexico has no tracked letter "nope"/],
    ['track', /Name the document to track/],
    ['export Atlantis csv', /don't know a State called "Atlantis"/],
    ['answered Mexico 36-19', /runs backwards/],
    ['answered Mexico five', /Which questions of Mexico/],
    ['answered Mexico', /Name a State and question numbers/],
    ['answered Mexico 5 --letter nope', /Mexico has no tracked letter "nope"/],
    ['answered Mexico 5 --lettre x', /has no option --lettre/],
    ['deadline Mexico ishr-2020-mexico-questions 2020-02-30', /"2020-02-30" is not a date/],
    ['deadline Mexico 9 October', /is not a date|Give the letter/],
  ])('refuses `%s` with one sentence and changes nothing', async (text, message) => {
    const { say, app } = start();
    const before = JSON.stringify((await say('outstanding Mexico')).data);
    const r = await say(text);
    expect(isError(r)).toBe(true);
    expect(plain(r)).toMatch(message);
    expect(JSON.stringify((await say('outstanding Mexico')).data)).toBe(before);
    app.close();
  });

  it('refuses a member politely and changes nothing', async () => {
    const { say, app } = start();
    const r = await say('answered Mexico 5', MEMBER);
    expect(plain(r)).toMatch(/only the coalition's coordinators can use `answered`/);
    expect(((await say('outstanding Mexico', MEMBER)).data as Owed).outstanding).toHaveLength(54);
    app.close();
  });
});

describe('deadlines', () => {
  it('lists upcoming first, then overdue, then open-ended; a moved deadline moves', async () => {
    const { say, app } = start('2020-10-01T12:00:00Z');
    const r = await say('deadlines', MEMBER);
    expect(plain(r)).toMatch(/Upcoming\n\s+• Mexico ishr-2020-mexico-questions: due 2020-10-09 \(8 days left\)[\s\S]*Open \(no date asked\)\n\s+• Mexico ngo-2013-open-letter/);
    expect(r.data).toEqual([
      expect.objectContaining({ state: 'Mexico', letter: 'ishr-2020-mexico-questions', deadline: '2020-10-09', outstanding: 36, total: 36 }),
      expect.objectContaining({ state: 'Mexico', letter: 'ngo-2013-open-letter', deadline: null, outstanding: 18, total: 18 }),
    ]);
    expect(plain(await say('deadline Mexico ishr-2020-mexico-questions 2020-09-30'))).toMatch(/deadline moved from 2020-10-09 to 2020-09-30 \(end of day, America\/Mexico_City\); due 2020-09-30 \(overdue by 1 day\)/);
    expect(plain(await say('deadlines', MEMBER))).toMatch(/Overdue\n\s+• Mexico ishr-2020-mexico-questions: due 2020-09-30 \(overdue by 1 day\)/);
    app.close();
  });
});

describe('export', () => {
  it('writes the ledger as CSV with proper quoting', async () => {
    const { say, app } = start();
    await say('answered Mexico 5 "sent, with ""quotes"""');
    const r = await say('export Mexico csv', MEMBER);
    const file = r.blocks.find((b) => b.kind === 'file');
    expect(file).toMatchObject({ name: 'pledgewatch-mx.csv', mimeType: 'text/csv' });
    const content = (file as { content: string }).content;
    expect(content.split('\n')[0]).toBe('state,letter,number,section,scope,asked_by,during_event,status,note,recorded_by,recorded_at,deadline,text');
    expect(content).toMatch(/Mexico,ishr-2020-mexico-questions,5,Questions posed specifically to Mexico,state,"I\(dh\)eas, Litigio Estratégico en Derechos Humanos",yes,answered,/);
    app.close();
  });
});

describe('track', () => {
  it('shows what it found and saves only on confirmation', async () => {
    const { say, app } = start();
    const preview = await say('track ishr-2020-mexico-questions');
    expect(plain(preview)).toMatch(/Found ishr-2020-mexico-questions: to Mexico, due 2020-10-09, 36 questions \(18 to Mexico, 18 to all candidates\)/);
    expect(plain(await say('track sr-hrd-2017-mexico-statement'))).toMatch(/found no numbered questions/);
    expect(plain(await say('track nothing-here --yes'))).toMatch(/no document "nothing-here"/);
    expect(plain(await say('track ishr-2020-mexico-questions --yes', MEMBER))).toMatch(/only the coalition's coordinators/);
    app.close();
  });
});

describe('re-reading the corpus', () => {
  it('keeps responses and a deadline a coordinator moved, and never renumbers a question', async () => {
    const { say, app } = start();
    await say('answered Mexico 5 https://example.org/a');
    await say('deadline Mexico ishr-2020-mexico-questions 2020-11-30');
    const before = ((await say('outstanding Mexico', MEMBER)).data as Owed).outstanding.map((q) => `${q.letter}#${q.number}`);
    app.services.ledger.syncFromCorpus();
    const after = (await say('outstanding Mexico', MEMBER)).data as Owed;
    expect(after.outstanding.map((q) => `${q.letter}#${q.number}`)).toEqual(before);
    expect(after.outstanding.find((q) => q.letter === 'ishr-2020-mexico-questions')?.deadline).toBe('2020-11-30');
    expect(plain(await say('question Mexico 5', MEMBER))).toMatch(/answered: https:\/\/example\.org\/a/);
    app.close();
  });
});

describe('track, with a new letter added to the corpus', () => {
  const NEW_LETTER = [
    'Letter to the Permanent Mission of Costa Rica to the United Nations in Geneva',
    '',
    'Geneva, 2 March 2026',
    '',
    'Your Excellency,',
    '',
    'Ahead of the elections, our coalition asks the following questions. We would be grateful for your answers by 15th April 2026.',
    '',
    'Questions posed specifically to Costa Rica',
    '',
    '1. *Coalición Centroamericana*: “Will Costa Rica invite the Special Rapporteur on defenders?”',
    '',
    '2. *Red de Defensoras*: “How will you protect land defenders?”',
    '',
    'Questions posed to all candidate States',
    '',
    '3. *Coalición Centroamericana*: “Will you pay your dues on time?”',
    '',
    'We look forward to your answers.',
  ].join('\n');

  function startWithNewLetter() {
    const root = tempDir();
    cpSync(join(import.meta.dirname, '..', '..', 'index-data'), join(root, 'index-data'), { recursive: true });
    writeFileSync(join(root, 'index-data', 'corpus', 'coalition-2026-costa-rica.txt'), NEW_LETTER);
    const clock = new FakeClock('2026-03-10T12:00:00Z');
    const env = { PLEDGEWATCH_DATA_DIR: join(root, 'data'), PLEDGEWATCH_CORPUS_DIR: join(root, 'index-data', 'corpus'), PLEDGEWATCH_COORDINATORS: COORDINATOR };
    mkdirSync(env.PLEDGEWATCH_DATA_DIR);
    const app = buildApp(loadConfig(env), { logger: silentLogger(), clock });
    const say = (text: string, user = COORDINATOR) => app.core.handle({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false } satisfies Incoming);
    return { app, say };
  }

  it('is not tracked on its own (it has no metadata), is shown before saving, and saved on `confirm`', async () => {
    const { app, say } = startWithNewLetter();
    expect(plain(await say('outstanding Costa Rica', MEMBER))).toMatch(/No letter to Costa Rica is tracked/);
    const preview = await say('track coalition-2026-costa-rica');
    expect(plain(preview)).toMatch(/Found coalition-2026-costa-rica: to Costa Rica, due 2026-04-15, 3 questions \(2 to Costa Rica, 1 to all candidates\)/);
    expect(plain(preview)).toMatch(/track coalition-2026-costa-rica --yes/);
    expect(preview.data).toMatchObject({ saved: false, questions: 3, deadline: '2026-04-15' });
    expect(plain(await say('outstanding Costa Rica', MEMBER))).toMatch(/No letter to Costa Rica is tracked/);

    expect(plain(await say('track coalition-2026-costa-rica confirm'))).toMatch(/Now tracking coalition-2026-costa-rica/);
    const owed = (await say('outstanding costa rica', MEMBER)).data as Owed;
    expect(owed.state).toBe('Costa Rica');
    expect(owed.outstanding.map((q) => [q.number, q.scope, q.askedBy, q.deadline])).toEqual([
      ['1', 'state', ['Coalición Centroamericana'], '2026-04-15'],
      ['2', 'state', ['Red de Defensoras'], '2026-04-15'],
      ['3', 'all', ['Coalición Centroamericana'], '2026-04-15'],
    ]);
    expect(((await say('deadlines', MEMBER)).data as { letter: string; deadline: string | null }[])[0]).toMatchObject({ letter: 'coalition-2026-costa-rica', deadline: '2026-04-15' });
    // Once tracked, it is re-read with the corpus like the shipped letters; its answers stay.
    await say('answered Costa Rica 2');
    app.services.ledger.syncFromCorpus();
    expect(((await say('outstanding Costa Rica', MEMBER)).data as Owed).outstanding.map((q) => q.number)).toEqual(['1', '3']);
    app.close();
  });
});

describe('the coalition time zone', () => {
  it('applies to deadlines read from letters, and follows a change of PLEDGEWATCH_TIMEZONE at the next start', () => {
    const dir = tempDir();
    const open = (zone: string) => buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_TIMEZONE: zone }), { logger: silentLogger(), clock: new FakeClock('2020-10-01T12:00:00Z') });
    const zones = (app: App) => app.services.ledger.letterDeadlines().map((d) => [d.letter, d.deadline, d.timezone]);
    const first = open('UTC');
    expect(zones(first)).toEqual([
      ['ishr-2020-mexico-questions', '2020-10-09', 'UTC'],
      ['ngo-2013-open-letter', null, 'UTC'],
    ]);
    first.close();
    const second = open('Europe/Zurich');
    expect(zones(second)).toEqual([
      ['ishr-2020-mexico-questions', '2020-10-09', 'Europe/Zurich'],
      ['ngo-2013-open-letter', null, 'Europe/Zurich'],
    ]);
    expect(second.services.ledger.letterDeadlines()[0]).toMatchObject({ state: 'Mexico', stateId: 'MX', total: 36, letterTitle: expect.stringMatching(/Pledging Event 2020/) });
    expect(second.services.ledger.letterDeadlines()[0]!.outstanding[4]).toEqual({ label: '5', askedBy: ['I(dh)eas, Litigio Estratégico en Derechos Humanos'] });
    second.close();
  });
});
