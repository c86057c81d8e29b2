import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import { renderPlain, type Reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

/** The real UPR advance questions to Slovenia (test/fixtures/real/SOURCES.md names the source): a Word list of
 * bulleted questions under each asking State's name in bold capitals. */
const COORDINATOR = 'slack:UCOORD';
const file = join(import.meta.dirname, '..', 'fixtures', 'real', 'slovenia-2025-advance-questions.docx');

async function start() {
  const clock = new FakeClock('2025-01-10T12:00:00Z');
  const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: tempDir(), PLEDGEWATCH_COORDINATORS: COORDINATOR, PLEDGEWATCH_TIMEZONE: 'Europe/Ljubljana' }), { logger: silentLogger(), clock });
  await app.ready;
  const added = await app.services.library!.add({ name: 'slovenia-2025-advance-questions.docx', bytes: readFileSync(file) }, COORDINATOR);
  expect(added.error).toBeNull();
  const say = (text: string, user = COORDINATOR): Promise<Reply> => app.core.handle({ platform: 'slack', channel: 'slack:C1', user, text, isDirect: false } satisfies Incoming);
  return { app, say, doc: added.doc! };
}

type Track = { doc: string; states: string[]; deadline: string | null; questions: { number: string; askedBy: string[]; text: string }[]; warnings: string[] };

const EXPECTED: [string, string, RegExp][] = [
  ['1', 'Belgium', /^Is the government of Slovenia considering ratifying the Optional Protocol/],
  ['2', 'Belgium', /^What is the current status of the media bill\?/],
  ['3', 'Belgium', /^Which follow-up has the government of Slovenia given/],
  ['4', 'Belgium', /^Notwithstanding the progress Slovenia has made/],
  ['5', 'Belgium', /^Belgium congratulates Slovenia on the adoption of amendments/],
  ['6', 'Costa Rica on behalf of Costa Rica, the Maldives and Slovenia', /^What progress has your country achieved/],
  ['7', 'Germany', /^How many antisemitic incidents/],
  ['8', 'Germany', /^What is the rate of successful completion of primary school/],
  ['9', 'Liechtenstein', /^What steps has Slovenia taken to ratify the Optional Protocol to the Convention on the Rights of the Child/],
  ['10', 'Portugal on behalf on the Group of Friends on NMIRF’s', /^Could the State-under-review describe its national mechanism/],
  ['11', 'Portugal on behalf on the Group of Friends on NMIRF’s', /^Has the State-under-review established a dedicated/],
  ['12', 'Spain', /^In 2024, Slovenia obtained a score of 70\.1/],
  ['13', 'Spain', /^In September 2022, the Slovenian Advocate/],
  ['14', 'Spain', /^Currently, a group of 50 individuals/],
  ['15', 'United Kingdom', /^Following the 2021 introduction of a consent-based definition of rape/],
  ['16', 'United Kingdom', /^What measures is the Government of Slovenia taking to increase the participation of women/],
  ['17', 'United Kingdom', /^What measures is the Government of Slovenia taking to ensure that Roma/],
  ['18', 'United Kingdom', /^What steps is the Government of Slovenia taking to identify, respond to and protect vulnerable migrants/],
  ['19', 'United Kingdom', /^What steps is the Government of Slovenia taking to encourage reporting of all forms of violence/],
  ['20', 'United States of America', /^How does Slovenia assess the implementation of its National Programme of Measures for Roma/],
  ['21', 'United States of America', /^How does Slovenia plan to implement its national action strategy/],
  ['22', 'United States of America', /^We commend the government for identifying more trafficking victims/],
];

describe('the real advance questions to Slovenia (Word, UPR 48)', () => {
  it('previews every question under the State that asked it, with Slovenia as recipient, and saves nothing', async () => {
    const { say, app, doc } = await start();
    const r = await say('track advance questions');
    const t = r.data as Track;
    expect(Object.keys(t)).toEqual(['doc', 'states', 'deadline', 'questions', 'warnings']);
    expect(t.doc).toBe(doc);
    expect(t.states).toEqual(['Slovenia']);
    expect(t.deadline).toBeNull();
    expect(t.questions.map((q) => [q.number, q.askedBy.join(' | ')])).toEqual(EXPECTED.map(([n, a]) => [n, a]));
    t.questions.forEach((q, i) => expect(q.text).toMatch(EXPECTED[i]![2]));
    // the joint paragraph is counted once, under COSTA RICA, and the preview says so
    expect(t.warnings.some((w) => /Question 6 is a joint one/.test(w))).toBe(true);
    expect(t.warnings.some((w) => /no deadline/i.test(w))).toBe(true);
    expect(renderPlain(r)).toMatch(/Found .*: to Slovenia, open deadline, 22 questions/);
    expect(renderPlain(r)).toMatch(/Liechtenstein:\n  9\. What steps has Slovenia taken/);
    expect(renderPlain(await say('outstanding Slovenia'))).toMatch(/No letter to Slovenia is tracked/);
    app.close();
  });

  it('once confirmed, `outstanding Slovenia` lists them and `reminders` plans them once a deadline is set', async () => {
    const { say, app, doc } = await start();
    expect(renderPlain(await say('confirm'))).toMatch(/no letter to confirm here/);
    await say('track slovenia-2025-advance');
    expect(renderPlain(await say('confirm', 'slack:UMEMBER'))).toMatch(/only the coalition's coordinators/);
    const saved = await say('confirm');
    expect(renderPlain(saved)).toMatch(/Now tracking/);
    expect((saved.data as Track).questions).toHaveLength(22);
    const owed = (await say('outstanding Slovenia')).data as { outstanding: { number: string; askedBy: string[] }[] };
    expect(owed.outstanding.map((q) => q.number)).toEqual(EXPECTED.map(([n]) => n));
    expect(owed.outstanding[8]!.askedBy).toEqual(['Liechtenstein']);
    expect(renderPlain(await say(`deadline Slovenia ${doc} 2025-02-15`))).toMatch(/deadline set to 2025-02-15/);
    await say('subscribe Slovenia');
    const plan = await say('reminders');
    expect(renderPlain(plan)).toMatch(/Slovenia/);
    expect(JSON.stringify(plan.data)).toMatch(/2025-02/);
    app.close();
  });
});

describe('a coordinator sets the deadline in the preview', () => {
  it('`track … --deadline` shows it, `confirm` saves it, and the "no deadline" warning goes', async () => {
    const { say, app } = await start();
    const shown = await say('track advance questions --deadline 2025-02-15');
    const t = shown.data as Track;
    expect(t.deadline).toBe('2025-02-15');
    expect(t.warnings.some((w) => /no deadline/i.test(w))).toBe(false);
    expect(renderPlain(shown)).toMatch(/to Slovenia, due 2025-02-15, 22 questions/);
    expect(renderPlain(shown)).toMatch(/Type `confirm`/);
    expect(renderPlain(await say('outstanding Slovenia'))).toMatch(/No letter to Slovenia is tracked/);
    const saved = await say('confirm');
    expect((saved.data as Track).deadline).toBe('2025-02-15');
    expect(JSON.stringify((await say('deadlines')).data)).toMatch(/2025-02-15/);
    app.close();
  });

  it('`confirm --deadline` sets it at the last step; a bad date changes nothing', async () => {
    const { say, app } = await start();
    const preview = await say('track advance questions');
    expect(renderPlain(preview)).toMatch(/add `--deadline YYYY-MM-DD`/);
    expect(renderPlain(await say('confirm --deadline 2025-02-30'))).toMatch(/is not a date/);
    expect(renderPlain(await say('confirm --deadline 0000-01-01'))).toMatch(/not a plausible deadline/);
    expect(renderPlain(await say('outstanding Slovenia'))).toMatch(/No letter to Slovenia is tracked/);
    const saved = await say('confirm --deadline 2025-03-01');
    expect(renderPlain(saved)).toMatch(/Now tracking .*due 2025-03-01/);
    app.close();
  });
});
