import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import { silentLogger } from '../../src/logging.js';
import { findDeadline } from '../../src/ledger/deadline.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';
import { advanceQuestionsHtml, englishPdf, frenchPdf, italicAskersDocx, italicAskersPdf, spanishDocx, spanishSectionsPdf, statementHtml } from './fixtures.js';

const COORDINATOR = 'slack:UCOORD';
type Track = { doc: string; states: string[]; deadline: string | null; questions: { number: string; askedBy: string[]; text: string }[]; warnings: string[] };

async function trackFile(name: string, bytes: Uint8Array): Promise<Track> {
  const app = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: tempDir(), PLEDGEWATCH_COORDINATORS: COORDINATOR }), { logger: silentLogger(), clock: new FakeClock('2020-12-02T12:00:00Z') });
  try {
    await app.ready;
    const added = await app.services.library!.add({ name, bytes }, COORDINATOR);
    expect(added.error).toBeNull();
    const r = await app.core.handle({ platform: 'slack', channel: 'slack:C1', user: COORDINATOR, text: `track ${added.doc}`, isDirect: false } satisfies Incoming);
    return r.data as Track;
  } finally {
    app.close();
  }
}

describe('track reads letters of other layouts', () => {
  it('Spanish Word letter: address block, askers as headings, list numbering restarting by section', async () => {
    const t = await trackFile('carta-chile.docx', await spanishDocx());
    expect(t.states).toEqual(['Chile']);
    expect(t.deadline).toBe('2021-01-15');
    expect(t.questions).toEqual([
      { number: '1.1', askedBy: ['AMNISTÍA INTERNACIONAL'], text: '¿Qué medidas tomará Chile para proteger a las personas defensoras?' },
      { number: '1.2', askedBy: ['AMNISTÍA INTERNACIONAL'], text: '¿Cuándo aprobará la ley de protección de periodistas?' },
      { number: '2.1', askedBy: ['Colombia'], text: '¿Ratificará Chile el Acuerdo de Escazú?' },
    ]);
  });

  it('French PDF letter: "Son Excellence … du Sénégal", Q1/Q2 with the asking State before the colon', async () => {
    const t = await trackFile('lettre-senegal.pdf', await frenchPdf());
    expect(t.states).toEqual(['Senegal']);
    expect(t.deadline).toBe('2021-01-15');
    expect(t.questions.map((q) => [q.number, q.askedBy, q.text])).toEqual([
      ['1', ['Belgium'], 'Quelles mesures le Sénégal prendra-t-il pour protéger les journalistes ?'],
      ['2', ['France'], 'Le Sénégal abolira-t-il la peine de mort ?'],
    ]);
  });

  it('English PDF letter: "Permanent Mission of Kenya", questions numbered "1)", deadline "before 15/01/2021"', async () => {
    const t = await trackFile('letter-kenya.pdf', await englishPdf());
    expect(t.states).toEqual(['Kenya']);
    expect(t.deadline).toBe('2021-01-15');
    expect(t.questions.map((q) => q.number)).toEqual(['1', '2', '3']);
    expect(t.questions[1]!.text).toBe('How will Kenya protect land and environmental defenders?');
  });

  it('a UN report gives no questions and a warning', async () => {
    const t = await trackFile('slovenia-2025-working-group-report.pdf', readFileSync(join(import.meta.dirname, '..', 'library', 'fixtures', 'real', 'slovenia-2025-working-group-report.pdf')));
    expect(t.questions).toEqual([]);
    expect(t.warnings[0]).toMatch(/not a letter/);
  });
});

describe('track reads more layouts', () => {
  it('Word letter in seed 000’s layout: the italic asker opening each numbered paragraph, quotes kept out of it', async () => {
    const t = await trackFile('letter-ghana.docx', await italicAskersDocx());
    expect(t.states).toEqual(['Ghana']);
    expect(t.deadline).toBe('2020-10-09');
    expect(t.questions.map((q) => [q.number, q.askedBy])).toEqual([
      ['1', ['Amnesty International']],
      ['2', ['Human Rights Watch']],
      ['3', ['CIVICUS']],
    ]);
    expect(t.questions[1]!.text).toMatch(/^“?Will Ghana withdraw the bill criminalising advocacy\?/);
  });

  it('the same layout in a PDF: the oblique font marks the asker, two organisations split', async () => {
    const t = await trackFile('letter-ghana.pdf', await italicAskersPdf());
    expect(t.states).toEqual(['Ghana']);
    expect(t.questions.map((q) => [q.number, q.askedBy, q.text])).toEqual([
      ['1', ['Amnesty International'], '“How will Ghana protect LGBTI defenders?”'],
      ['2', ['Human Rights Watch', 'CIVICUS'], '“Will Ghana withdraw the bill?”'],
    ]);
  });

  it('HTML advance questions: recipient from the title, unnumbered paragraphs and (a)/(b) under asker headings, open deadline', async () => {
    const t = await trackFile('advance-questions-argentina.html', advanceQuestionsHtml());
    expect(t.states).toEqual(['Argentina']);
    expect(t.deadline).toBeNull();
    expect(t.questions.map((q) => [q.askedBy.join(' | '), q.text.slice(0, 30)])).toEqual([
      ['Netherlands', 'What measures has Argentina ta'],
      ['Netherlands', 'How does Argentina ensure the '],
      [expect.stringMatching(/^Sweden on behalf of the Nordic group$/i), 'Will Argentina adopt a nationa'],
      [expect.stringMatching(/^Sweden on behalf of the Nordic group$/i), 'What steps are planned to prot'],
    ]);
    expect(new Set(t.questions.map((q) => q.number)).size).toBe(4);
    expect(t.warnings.some((w) => /no deadline/i.test(w))).toBe(true);
  });

  it('Spanish PDF whose numbering restarts in each section: I.1, I.2, II.1, to Peru, "antes del 3 de marzo de 2021"', async () => {
    const t = await trackFile('carta-peru.pdf', await spanishSectionsPdf());
    expect(t.states).toEqual(['Peru']);
    expect(t.deadline).toBe('2021-03-03');
    expect(t.questions).toHaveLength(3);
    expect(new Set(t.questions.map((q) => q.number)).size).toBe(3);
    expect(t.questions[2]!.text).toMatch(/consulta previa/);
  });

  it('an HTML statement with question marks in it is not a letter: no questions, a warning', async () => {
    const t = await trackFile('statement-civic-space.html', statementHtml());
    expect(t.questions).toEqual([]);
    expect(t.warnings.length).toBeGreaterThan(0);
  });
});

describe('deadlines in three languages', () => {
  it.each([
    ['Please answer by 9 October 2020.', '2020-10-09'],
    ['before October 9, 2020', '2020-10-09'],
    ['Please reply before 15/01/2021.', '2021-01-15'],
    ['Le rogamos que responda a más tardar el 15 de enero de 2021.', '2021-01-15'],
    ['antes del 3 de marzo de 2021', '2021-03-03'],
    ['Merci de répondre avant le 15 janvier 2021.', '2021-01-15'],
    ['au plus tard le 1er février 2021', '2021-02-01'],
    ['We look forward to your answers at your earliest convenience.', null],
  ])('%s → %s', (text, date) => {
    expect(findDeadline(text).deadline).toBe(date);
  });
});
