import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/corpus/documents.js';
import { extractLetter, splitAskers } from '../../src/ledger/extract.js';
import { StateDirectory } from '../../src/ledger/states.js';

const root = join(import.meta.dirname, '..', '..', 'index-data');
const docs = loadDocuments(join(root, 'corpus'), join(root, 'documents.json'));
const states = new StateDirectory(join(root, 'states.json'));
const extract = (id: string) => extractLetter(docs.find((d) => d.id === id)!, states);

describe('reading seed 000, the ISHR letter of 36 questions to Mexico', () => {
  const letter = extract('ishr-2020-mexico-questions')!;
  const q = (label: string) => letter.questions.find((x) => x.label === label)!;

  it('finds the recipient, the sender and the deadline (by 9th October 2020)', () => {
    expect(letter.states).toEqual(['MX']);
    expect(letter.deadline).toBe('2020-10-09');
    expect(letter.deadlineText).toBe('by 9th October 2020');
    expect(letter.date).toBe('2020-09-29');
  });

  it('numbers 36 questions 1–36, 1–18 to Mexico and 19–36 to all candidates', () => {
    expect(letter.questions.map((x) => x.label)).toEqual(Array.from({ length: 36 }, (_, i) => String(i + 1)));
    expect(letter.questions.filter((x) => x.scope === 'state').map((x) => x.label)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(q('19').section).toBe('Questions posed to all candidate states');
  });

  it('keeps the askers exactly as written, and who asked during the event', () => {
    expect(q('5')).toMatchObject({ askedBy: ['I(dh)eas, Litigio Estratégico en Derechos Humanos'], duringEvent: true });
    expect(q('3')).toMatchObject({ askedBy: ['Comisión Mexicana de Defensa y Promoción de los Derechos Humanos'], duringEvent: true });
    expect(q('19')).toMatchObject({ askedBy: ['Jacob Blaustein Institute for the Advancement of Human Rights'], duringEvent: true });
    expect(q('1')).toMatchObject({ askedBy: ['Centro de Derechos Humanos Fray Francisco de Vitoria', 'Dominicans for Justice and Peace'], duringEvent: false });
    expect(q('24').askedBy).toEqual(['CIVICUS', 'Human Rights Advocates']);
    expect(q('31').askedBy).toEqual(['Dr Virginia Marshall, the Indigenous Peoples Organisation']);
    expect(q('36').askedBy).toEqual(['Andres Bello Catholic University, Venezuela']);
    expect(letter.questions.filter((x) => x.duringEvent).map((x) => x.label)).toEqual(['3', '5', '19']);
  });

  it('keeps question 19 whole across its paragraph break, and question 22 with its bulleted list', () => {
    expect(q('19').text).toMatch(/^“the financial crisis affecting the UN[\s\S]*impeded\.\n\nIf elected, will you pay your assessed dues on time\?[\s\S]*fill the gap\?”$/);
    expect(q('22').text).toMatch(/Incoming Members Pledge confirms the need to:/);
    expect(q('22').text).toMatch(/- Cooperate in good faith with the Council/);
    expect(q('22').text).toMatch(/Would you be willing to endorse the Incoming Members Pledge if elected\?”$/);
    expect(q('3').text).toMatch(/train project in the Yucatan peninsula\. This smear campaign/);
  });

  it('does not take the closing line or the signature for a question', () => {
    expect(q('36').text).not.toMatch(/look forward/);
  });
});

describe('reading seed 001, the open letter of recommendations', () => {
  const letter = extract('ngo-2013-open-letter')!;

  it('has an open deadline (at your earliest convenience) and Mexico as recipient', () => {
    expect(letter.states).toEqual(['MX']);
    expect(letter.deadline).toBeNull();
    expect(letter.deadlineText).toBe('at your earliest convenience');
  });

  it('reads 5 + 11 + 2 recommendations, labelled by section, and not the 40 signatories', () => {
    const labels = letter.questions.map((x) => x.label);
    expect(labels).toEqual([
      ...['1', '2', '3', '4', '5'].map((n) => `1.${n}`),
      ...Array.from({ length: 11 }, (_, i) => `2.${i + 1}`),
      '3.1',
      '3.2',
    ]);
    expect(letter.questions.map((x) => x.section)).toEqual([
      ...Array(5).fill('Cooperation with Special Procedures'),
      ...Array(11).fill('Reprisals and intimidation'),
      ...Array(2).fill('Respect for effective civil society participation'),
    ]);
    expect(letter.questions.some((x) => /Amnesty International|Human Rights Watch$/.test(x.text))).toBe(false);
  });

  it('keeps recommendation 2.8 whole across its paragraph break', () => {
    expect(letter.questions.find((x) => x.label === '2.8')!.text).toMatch(/This should be done in\n\nclose coordination with all stakeholders/);
  });
});

describe('documents that are not letters of questions', () => {
  it.each(['guzman-2017-foreign-policy', 'sr-hrd-2017-mexico-statement', 'ngo-2018-pompeo-letter'])('%s yields no invented questions', (id) => {
    expect(extract(id)).toBeUndefined();
  });
});

describe('askers', () => {
  it('splits two organisations joined by "and", but not a name that contains "and"', () => {
    expect(splitAskers('Dominicans for Justice and Peace')).toEqual(['Dominicans for Justice and Peace']);
    expect(splitAskers('The Swedish Federation for LGBTQI Rights and the World Benchmarking Alliance')).toEqual(['The Swedish Federation for LGBTQI Rights', 'the World Benchmarking Alliance']);
  });
});

describe('States', () => {
  it('are found by name or alias, in English or Spanish, with or without accents', () => {
    for (const name of ['Mexico', 'México', 'mexico', 'MX', 'MEX']) expect(states.find(name)?.id).toBe('MX');
    expect(states.find('Estados Unidos')?.id).toBe('US');
    expect(states.find('Atlantis')).toBeUndefined();
    expect(() => states.resolve('Atlantis')).toThrow(/don't know a State called "Atlantis"/);
  });
});

describe('a letter without metadata', () => {
  it('takes its date from its head, not from its deadline', () => {
    const text = 'Letter to the Permanent Mission of Peru to the United Nations\n\nGeneva, 2 March 2026\n\nPlease answer by 15th April 2026.\n\n1. *Coalition*: “Will you?”\n\n2. *Coalition*: “When?”\n';
    const letter = extractLetter({ id: 'x', file: 'x.txt', title: 'Letter', kind: 'other', date: null, recipient: null, text }, states)!;
    expect(letter).toMatchObject({ states: ['PE'], date: '2026-03-02', deadline: '2026-04-15' });
    expect(letter.questions.map((q) => [q.label, q.askedBy])).toEqual([['1', ['Coalition']], ['2', ['Coalition']]]);
  });
});
