import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/open.js';
import type { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/logging.js';
import { tempDir } from '../fakes/temp-dir.js';
import { questionsDocx, reportHtml, reportPdf } from './fixtures.js';

const indexData = join(import.meta.dirname, '..', '..', 'index-data');

/** A library with an empty corpus folder, in a fresh data dir. */
function emptyLibrary(): Library {
  const root = tempDir();
  mkdirSync(join(root, 'corpus'));
  return openCorpus({ corpusDir: join(root, 'corpus'), indexDataDir: indexData, dataDir: join(root, 'data'), logger: silentLogger() });
}

async function added(library: Library, name: string, bytes: Uint8Array | string) {
  const r = await library.add({ name, bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes }, 'cli:operator');
  expect(r.error).toBeNull();
  return { result: r, model: library.model(r.doc!)!, meta: library.find(r.doc!) };
}

describe('a UN-style report PDF', () => {
  it('reads metadata from the file: symbol, title, issue date, pages, kind', async () => {
    const { result, meta } = await added(emptyLibrary(), 'report.pdf', await reportPdf());
    expect(result).toMatchObject({ doc: 'a-hrc-99-12', kind: 'report', format: 'pdf', pages: 3 });
    expect(meta).toMatchObject({ symbol: 'A/HRC/99/12', date: '2026-03-02', language: 'en', title: 'Report of the Special Rapporteur on human rights defenders: Testland' });
  });

  it('gives passage by passage the clean text, the page it starts on and the paragraph number', async () => {
    const { model } = await added(emptyLibrary(), 'report.pdf', await reportPdf());
    const rows = model.passages.map((p) => ({ where: p.where, page: p.page, text: p.text }));
    expect(rows).toEqual([
      { where: '', page: 1, text: 'Distr.: General 2 March 2026' },
      { where: '', page: 1, text: 'Report of the Special Rapporteur on human rights defenders' },
      { where: '¶ 1', page: 1, text: '1. The Special Rapporteur visited Testland from 3 to 14 November 2025 at the invitation of the Government. He thanks the authorities for their cooperation throughout the visit.' },
      // the raised footnote marker is off "treaties", "protec-/tion" is one word again
      { where: '¶ 2', page: 1, text: '2. Testland has ratified most of the core human rights treaties. It has yet to adopt a law on the protection of human rights defenders, which civil society has requested since 2019.' },
      { where: '¶ 3', page: 1, text: '3. Defenders of land and environmental rights face the gravest risks: at least twelve were killed in 2025, and most of the killings remain unpunished.' },
      { where: 'footnote 1', page: 1, text: '¹ See the list of ratifications at the end of the present report.' },
      // two columns: the left one read first, then the right one
      { where: '¶ 4', page: 2, text: '4. The mechanism for the protection of defenders has a budget that covers fewer than half of the requests it receives.' },
      { where: '¶ 5', page: 2, text: '5. Judges in three provinces told the Special Rapporteur that threats against them went uninvestigated.' },
      { where: '§ II. Findings', page: 2, text: 'Courts lacked security staff in every province visited, and hearings were often postponed.' },
      { where: '¶ 6', page: 2, text: '6. Journalists covering corruption reported surveillance of their phones by the police.' },
      // cut by the page break, kept whole, cited at the page it starts on
      { where: '¶ 7', page: 2, text: '7. Women defenders described smear campaigns on social media that the authorities never condemned.' },
      { where: '¶ 8', page: 3, text: '8. The Special Rapporteur recommends that Testland adopt the law on defenders without delay.' },
    ]);
    const all = model.text;
    for (const furniture of ['GE.26', 'A/HRC/99/12', '011226']) expect(all).not.toContain(furniture);
    expect(all).not.toMatch(/treaties1|\u00ad|protec- ?tion/);
  });

  it('keeps the document model: blocks with page, numbers, headings and bold', async () => {
    const { model } = await added(emptyLibrary(), 'report.pdf', await reportPdf());
    expect(model.blocks).toContainEqual(expect.objectContaining({ kind: 'heading', text: 'II. Findings', page: 2, bold: true }));
    expect(model.blocks).toContainEqual(expect.objectContaining({ kind: 'paragraph', number: '7', page: 2 }));
    expect(model.blocks).toContainEqual(expect.objectContaining({ kind: 'footnote', number: '1', page: 1 }));
  });

  it('is answered with symbol, page and paragraph in the citation', async () => {
    const library = emptyLibrary();
    await added(library, 'report.pdf', await reportPdf());
    const [a] = library.answer('Were journalists covering corruption under surveillance?', 3);
    expect(a).toMatchObject({ document: { symbol: 'A/HRC/99/12' }, passage: { page: 2, where: '¶ 6' } });
    expect(a!.quote).toBe('Journalists covering corruption reported surveillance of their phones by the police.');
  });
});

describe('a Word file of questions', () => {
  it('keeps Word’s list numbers (a second list starting at 10, a sub-item), headings, the table and the footnote', async () => {
    const { result, meta, model } = await added(emptyLibrary(), 'questions.docx', await questionsDocx());
    expect(result).toMatchObject({ kind: 'questions', format: 'docx', pages: null });
    expect(meta).toMatchObject({ title: 'Questions to Testland ahead of the 2026 elections', date: '2026-12-01', author: 'Coalition secretariat' });
    const rows = model.passages.map((p) => ({ where: p.where, number: p.number, text: p.text }));
    expect(rows).toEqual([
      { where: '¶ 1', number: undefined, text: 'Geneva, 1 December 2026' },
      { where: '§ Civic space · question 1', number: '1', text: '1. Will Testland adopt the law on the protection of human rights defenders before the end of 2026?' },
      { where: '§ Civic space · question 2', number: '2', text: '2. How will the mechanism for the protection of defenders be funded?' },
      { where: '§ Civic space · ¶ 2', number: undefined, text: '(a) Its budget for 2027?' },
      // the footnote reference is not glued to "journalists"
      { where: '§ Civic space · question 3', number: '3', text: '3. Will Testland implement the resolution on journalists and report on it?' },
      { where: '§ Follow-up · ¶ 3', number: undefined, text: 'We would be grateful for answers by 15 January 2027.' },
      // the second list starts at 10, as Word shows it (mammoth alone would say 1)
      { where: '§ Follow-up · question 10', number: '10', text: '10. Will Testland extend a standing invitation to the Special Procedures?' },
      { where: '§ Follow-up · question 11', number: '11', text: '11. When will the Special Rapporteur on torture be invited?' },
      { where: '§ Follow-up · ¶ 4', number: undefined, text: 'Question | Asked by' },
      { where: 'footnote 1', number: undefined, text: '¹ Resolution 2/2026 of the Human Rights Council.' },
    ]);
    expect(model.blocks).toContainEqual({ kind: 'table-row', text: 'Question | Asked by', cells: ['Question', 'Asked by'] });
    expect(model.blocks).toContainEqual(expect.objectContaining({ kind: 'list-item', number: 'a', depth: 1 }));
    expect(model.blocks).toContainEqual({ kind: 'heading', text: 'Questions to Testland', level: 1 });
  });
});

describe('an HTML page', () => {
  it('is read by its structure: no script, style or navigation; entities decoded; ordered lists keep their start', async () => {
    const { meta, model } = await added(emptyLibrary(), 'briefing.html', reportHtml);
    expect(meta).toMatchObject({ title: 'Coalition briefing: protection of defenders in Testland', format: 'html', language: 'en', date: '2026-11-18' });
    expect(model.text).not.toMatch(/not text|color|Home|About/);
    expect(model.passages.map((p) => [p.where, p.text])).toEqual([
      ['§ Protection of defenders in Testland · ¶ 1', 'The coalition met the mechanism for the protection of defenders on 18 November 2026 & heard that its budget covers fewer than half of the requests.'],
      ['§ What we ask · item 4', '4. Adopt the law on defenders before the end of 2026.'],
      ['§ What we ask · item 5', '5. Fund the mechanism fully.'],
      ['§ What we ask · recommendation 1', '• Publish its budget every year.'],
      ['§ What we ask · ¶ 2', 'Province | Killings in 2025'],
    ]);
  });
});
