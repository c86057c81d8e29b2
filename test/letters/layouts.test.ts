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
import { englishPdf, frenchPdf, spanishDocx } from './fixtures.js';

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
