import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/corpus/corpus.js';
import type { TextBlock } from '../../src/library/model.js';
import { findDocument, readLetter } from '../../src/ledger/read-letter.js';
import { StateDirectory } from '../../src/ledger/states.js';

const states = new StateDirectory(join(import.meta.dirname, '..', '..', 'index-data', 'states.json'));
const p = (text: string, more: Partial<TextBlock> = {}): TextBlock => ({ kind: 'paragraph', text, ...more });
const doc = (over: Partial<Document> = {}): Document => ({ id: 'x', file: 'x.docx', title: 'Letter', kind: 'letter', date: null, recipient: null, text: '', ...over });
const read = (blocks: TextBlock[], over: Partial<Document> = {}) => readLetter(doc({ text: blocks.map((b) => b.text).join('\n\n'), ...over }), blocks, states);

describe('readLetter on the block model', () => {
  it('unnumbered paragraphs under a "Questions" heading, numbered in order; one without a question mark is flagged', () => {
    const l = read([p('Advance questions to Mexico'), p('Questions', { kind: 'heading', level: 2 }), p('Will Mexico protect journalists?'), p('How will the mechanism be funded?'), p('Please describe the budget for 2027.')], { title: 'Advance questions to Mexico' });
    expect(l.states).toEqual(['MX']);
    expect(l.questions.map((q) => [q.label, q.text])).toEqual([
      ['1', 'Will Mexico protect journalists?'],
      ['2', 'How will the mechanism be funded?'],
      ['3', 'Please describe the budget for 2027.'],
    ]);
    expect(l.warnings).toContain('3 paragraphs under Questions read as questions; 1 has no question mark.');
    expect(l.warnings.some((w) => /no deadline/.test(w))).toBe(true);
  });

  it('lettered questions "(a)", "(b)" in the text are numbered 1, 2; a sub-item stays in its question', () => {
    const l = read([p('Permanent Mission of Peru'), p('(a) Will Peru ratify the Escazú Agreement?'), p('Its timetable?', { kind: 'list-item', depth: 1, bullet: true }), p('(b) Will Peru invite the Special Rapporteur?')]);
    expect(l.states).toEqual(['PE']);
    expect(l.questions.map((q) => [q.label, q.text])).toEqual([
      ['1', 'Will Peru ratify the Escazú Agreement?\n- Its timetable?'],
      ['2', 'Will Peru invite the Special Rapporteur?'],
    ]);
  });

  it('Word list numbering (the block\'s number) and a heading "X on behalf of Y" as the asker of several questions', () => {
    const l = read([
      p('Excelentísima Señora María López'),
      p('Embajadora de Guatemala'),
      p('NORWAY ON BEHALF OF THE NORDIC COUNTRIES', { bold: true }),
      p('Will Guatemala protect defenders?', { kind: 'list-item', number: '1', label: '1.' }),
      p('Will Guatemala repeal the NGO law?', { kind: 'list-item', number: '2', label: '2.' }),
    ]);
    expect(l.states).toEqual(['GT']);
    expect(l.questions.map((q) => [q.label, q.askedBy])).toEqual([
      ['1', ['Norway on behalf of the Nordic Countries']],
      ['2', ['Norway on behalf of the Nordic Countries']],
    ]);
  });

  it('stops at the closing and never reads the signatories as questions', () => {
    const l = read([p('Permanent Mission of Chile'), p('1. Will Chile protect journalists?'), p('Yours sincerely,'), p('AMNESTY INTERNATIONAL', { bold: true }), p('Human Rights Watch')]);
    expect(l.questions.map((q) => q.label)).toEqual(['1']);
  });

  it('a statement gives no questions and says it is not a letter', () => {
    const l = read([p('1. Will Chile protect journalists?')], { kind: 'statement', title: 'Statement on Chile' });
    expect(l.questions).toEqual([]);
    expect(l.warnings[0]).toMatch(/reads as a statement, not a letter/);
  });
});

describe('findDocument', () => {
  const docs = [
    { id: 'ishr-2020-mexico-questions', title: 'ISHR questions to Mexico', kind: 'letter' as const, date: null, file: 'a.md' },
    { id: 'ngo-2013-open-letter', title: 'Open letter to Mexico', kind: 'letter' as const, date: null, file: 'b.md' },
    { id: 'a-hrc-59-15', title: 'Report of the Working Group', kind: 'report' as const, date: null, file: 'c.pdf', symbol: 'A/HRC/59/15' },
  ];
  it('finds by id, file, symbol, or any unique part of id or title; lists the candidates when several match', () => {
    expect(findDocument('ishr-2020-mexico-questions', docs).id).toBe('ishr-2020-mexico-questions');
    expect(findDocument('b.md', docs).id).toBe('ngo-2013-open-letter');
    expect(findDocument('A/HRC/59/15', docs).id).toBe('a-hrc-59-15');
    expect(findDocument('open letter', docs).id).toBe('ngo-2013-open-letter');
    expect(findDocument('ISHR', docs).id).toBe('ishr-2020-mexico-questions');
    expect(() => findDocument('mexico', docs)).toThrow(/"mexico" could mean 2 documents: ishr-2020-mexico-questions \(“ISHR questions to Mexico”\), ngo-2013-open-letter \(“Open letter to Mexico”\)\./);
    expect(() => findDocument('atlantis', docs)).toThrow(/no document "atlantis"/);
  });
});

describe('documents that only look like lists', () => {
  it('a document of unknown kind whose numbered paragraphs ask nothing gives no questions', () => {
    const l = read([p('Permanent Mission of Chile'), p('1. The Rapporteur visited Chile in 2025.'), p('2. She met defenders.'), p('3. Will Chile act?')], { kind: 'other' });
    expect(l.questions).toEqual([]);
    expect(l.warnings[0]).toMatch(/2 of its 3 numbered paragraphs ask nothing/);
  });

  it('bullets in the introduction are not questions', () => {
    const l = read([p('Permanent Mission of Chile'), p('We note:', {}), p('the new law;', { kind: 'list-item', bullet: true }), p('1. Will Chile act?')]);
    expect(l.questions.map((q) => q.label)).toEqual(['1']);
  });
});
