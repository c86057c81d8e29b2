import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/corpus/clean.js';
import type { Document } from '../../src/corpus/corpus.js';
import { loadDocuments } from '../../src/corpus/documents.js';
import { splitPassages, type IndexedPassage } from '../../src/corpus/passages.js';
import { splitSentences } from '../../src/corpus/quotes.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { buildLunrIndex, fieldsOf, PassageSearch } from '../../src/corpus/search-index.js';

const indexData = fileURLToPath(new URL('../../index-data', import.meta.url));
const docs = loadDocuments(join(indexData, 'corpus'), join(indexData, 'documents.json'));
const doc = (id: string) => docs.find((d) => d.id === id)!;
const passagesOf = (id: string) => splitPassages(doc(id));
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const item = (ps: IndexedPassage[], n: string) => ps.find((p) => p.number === n)!;
/** the numbered items of a report made of `text` alone */
const numberedItems = (text: string) => splitPassages({ id: 'report', file: 'report.txt', title: 'Report', kind: 'report', date: null, recipient: null, text }).filter((p) => p.number);

describe('the passage splitter', () => {
  it('makes each of the 36 questions of seed 000 a passage, numbered and under its heading', () => {
    const ps = passagesOf('ishr-2020-mexico-questions');
    const questions = ps.filter((p) => p.where.includes('question'));
    expect(questions.map((p) => p.number)).toEqual(Array.from({ length: 36 }, (_, i) => String(i + 1)));
    expect(item(ps, '7').heading).toBe('Questions posed specifically to Mexico');
    expect(item(ps, '7').where).toBe('§ Questions posed specifically to Mexico · question 7');
    expect(item(ps, '19').heading).toBe('Questions posed to all candidate states');
    expect(item(ps, '5').body).toMatch(/^I\(dh\)eas, Litigio Estratégico en Derechos Humanos \(Question posed during event\): “In 2019/);
  });

  it('keeps a question whole across a paragraph break (seed 000 questions 3 and 19)', () => {
    const ps = passagesOf('ishr-2020-mexico-questions');
    expect(item(ps, '19').body).toContain('cut back and impeded. If elected, will you pay your assessed dues on time?');
    expect(item(ps, '3').body).toContain('launched a blistering attack on several environmentalist NGOs');
    expect(ps.some((p) => p.body.startsWith('If elected') || p.body.startsWith('attack on several'))).toBe(false);
  });

  it('keeps question 22 with its bulleted list', () => {
    const q22 = item(passagesOf('ishr-2020-mexico-questions'), '22');
    for (const bullet of ['Cooperate in good faith with the Council', 'Address human rights concerns on their merits', 'Engage in a spirit of self-reflection', 'Work in cooperation with civil society', 'Would you be willing to endorse the Incoming Members Pledge if elected?']) {
      expect(q22.body).toContain(bullet);
    }
    expect(item(passagesOf('ishr-2020-mexico-questions'), '23').body).toMatch(/^Human Rights House Foundation/);
  });

  it('numbers seed 001’s recommendations per section, and joins item 8 cut by a page break', () => {
    const ps = passagesOf('ngo-2013-open-letter');
    const reprisals = ps.filter((p) => p.heading === 'Reprisals and intimidation' && p.number);
    expect(reprisals.map((p) => p.number)).toEqual(Array.from({ length: 11 }, (_, i) => String(i + 1)));
    expect(reprisals[7]!.where).toBe('§ Reprisals and intimidation · recommendation 8');
    expect(reprisals[7]!.body).toContain('This should be done in close coordination with all stakeholders');
    expect(ps.find((p) => p.heading === 'Cooperation with Special Procedures' && p.number === '1')!.body).toMatch(/^Issuing and honouring an effective standing invitation/);
  });

  it('takes glued footnote numbers out of seed 002’s words without touching real figures', () => {
    const ps = passagesOf('guzman-2017-foreign-policy');
    const treaties = ps.find((p) => p.text.includes('treaties11.'))!;
    expect(treaties.body).not.toMatch(/treaties11|\p{L}(\d{1,2})\1\./u);
    expect(splitSentences(treaties.body)).toContain('This commitment was reflected not only in the dynamic efforts of its diplomatic teams to further the development of international human rights law in multilateral forums, but also its decision to open the country to the international scrutiny of international observers, ratify international human rights treaties');
    for (const p of ps) expect(p.body, p.id).not.toMatch(/[\p{L}”.,)](\d{1,2})\1\.(\s|$)/u);
    expect(cleanText('financially.1010. “Regular Meeting')).not.toContain('1010');
    expect(cleanText('in 2019, there were 4296 prior inquiries')).toBe('in 2019, there were 4296 prior inquiries');
    expect(cleanText('by 9th October 2020.')).toBe('by 9th October 2020.');
  });

  it('takes seed 003’s superscript markers out, and joins a paragraph cut by a page of footnotes', () => {
    const ps = passagesOf('sr-hrd-2017-mexico-statement');
    const forum = ps.find((p) => p.text.includes('Minister of Interior¹'))!;
    expect(forum.body).toContain('strong statements by the Minister of Interior and the Attorney General, recognizing');
    const cut = ps.find((p) => p.text.includes('once I fully review the materials and'))!;
    expect(cut.body).toContain('once I fully review the materials and documents that I have collected during the visit');
    expect(cut.text).toContain('² In a statement Raúl Cervantes Andrade'); // the passage's text is the document's, footnotes and all
    expect(cut.body).not.toContain('Raúl Cervantes Andrade'); // but footnotes are not what it says
    expect(ps.find((p) => p.text.includes('including through the national'))!.body).toContain('including through the national media, have attempted');
    for (const p of ps) expect(p.body).not.toMatch(/[¹²³⁴⁵⁶⁷⁸⁹⁰]/);
  });

  it('groups seed 003’s recommendations under the stakeholder they are addressed to', () => {
    const ps = passagesOf('sr-hrd-2017-mexico-statement');
    const toCndh = ps.filter((p) => p.heading === 'The National Human Rights Commission and state-level commissions are recommended to');
    expect(toCndh.map((p) => p.number)).toEqual(['1', '2', '3', '4']);
    expect(toCndh[2]!.body).toBe('Establish a focal point for human rights defenders, with decision-making power, in each institution;');
    expect(ps.find((p) => p.text.includes('Between 2000 and 2016, at least 120 journalists'))!.heading).toBe('Human rights defenders at specific risk');
  });

  it('keeps every passage’s text exactly as it stands in its document (whitespace aside)', () => {
    for (const d of docs) {
      const text = flat(d.text);
      for (const p of splitPassages(d)) expect(text.includes(flat(p.text)), p.id).toBe(true);
    }
  });

  it('splits a new Markdown file with headings and a numbered list', () => {
    const d: Document = {
      id: 'note', file: 'note.md', title: 'Note', kind: 'other', date: null, recipient: null,
      text: 'Follow-up on pledges\n\nThe coalition met on 3 March, with members from four States, and agreed on these points for the session.\n\n1. Ask Mexico again about question 7.\n2. Send the letter to every candidate.\n\nOther business\n\nNothing else was discussed at length today, and the meeting closed early.\n',
    };
    const ps = splitPassages(d);
    expect(ps.map((p) => p.where)).toEqual(['§ Follow-up on pledges · ¶ 1', '§ Follow-up on pledges · item 1', '§ Follow-up on pledges · item 2', '§ Other business · ¶ 2']);
  });

  it('keeps the signatures after “Sincerely,” as passages, not headings (seed 004)', () => {
    const ps = passagesOf('ngo-2018-pompeo-letter');
    const amnesty = ps.find((p) => p.text.includes('Marselha Gonçalves Margerin'));
    expect(amnesty?.body).toMatch(/^Amnesty International USA, Marselha Gonçalves Margerin/);
    expect(ps.some((p) => p.heading?.includes('@'))).toBe(false);
  });

  it('reads a line in capitals inside a block as a heading, and each line of an unwrapped text as a paragraph', () => {
    const para = (n: number) => `Question ${n} asks whether the government will adopt measures to protect journalists and promote media pluralism in the coming years, and how it will report on them.`;
    const d: Document = { id: 'aq', file: 'aq.txt', title: 'Advance questions', kind: 'other', date: null, recipient: null, text: `BELGIUM\n${para(1)}\n${para(2)}\nCOSTA RICA\n${para(3)}\n` };
    const ps = splitPassages(d);
    expect(ps.map((p) => [p.heading, p.body.slice(0, 10)])).toEqual([['BELGIUM', 'Question 1'], ['BELGIUM', 'Question 2'], ['COSTA RICA', 'Question 3']]);
  });

  it('cuts a long stretch of prose into passages of a few sentences, each as it stands in the document', () => {
    const sentence = (n: number) => `Sentence number ${n} of this long paragraph says something about the State's report and its recommendations.`;
    const text = Array.from({ length: 40 }, (_, n) => sentence(n)).join(' ');
    const d: Document = { id: 'long', file: 'long.txt', title: 'Long', kind: 'other', date: null, recipient: null, text };
    const ps = splitPassages(d);
    expect(ps.length).toBeGreaterThan(4);
    for (const p of ps) {
      expect(p.body.length).toBeLessThanOrEqual(1200);
      expect(text.includes(p.text)).toBe(true);
      expect(p.body).toMatch(/^Sentence number \d+/);
    }
    expect(ps.map((p) => p.body).join(' ')).toBe(text);
  });

  it('makes a working-group report’s numbered recommendation (“140.50 Reduce …”) an item of its own', () => {
    const d: Document = { id: 'wg', file: 'wg.txt', title: 'WG', kind: 'report', date: null, recipient: null, text: '140.50 Reduce overcrowding in prisons and improve detention conditions (Libya);\n140.51 Decriminalize defamation and place it within a Civil Code (Ireland);\n' };
    expect(splitPassages(d).map((p) => [p.number, p.body])).toEqual([['140.50', 'Reduce overcrowding in prisons and improve detention conditions (Libya);'], ['140.51', 'Decriminalize defamation and place it within a Civil Code (Ireland);']]);
  });

  it('ends a UN report’s paragraph at its footnote mark after the full stop, so a page break does not run it into the next section', () => {
    const text = [
      '            7.      Slovenia made annual financial contributions to the Office of the United Nations High',
      '            Commissioner for Human Rights, including the Voluntary Technical Assistance Trust Fund.7',
      '',
      '',
      'GE.24-19779 (E)   061124 061124',
      '\fA/HRC/WG.6/48/SVN/2',
      '',
      '    III.    National human rights framework',
      '            8.     The Committee against Torture commended Slovenia for the accreditation of the',
      '            Office of the Human Rights Ombudsman with A status, in 2021. 8',
      '            9.      The Special Rapporteur on environment stated that Slovenia should consider the',
      '            establishment of a special ombudsperson for the rights of children.10',
      '',
    ].join('\n');
    const ps = numberedItems(text);
    expect(ps.map((p) => p.number)).toEqual(['7', '8', '9']);
    expect(ps[0]!.text).not.toMatch(/Ombudsman|ombudsperson/);
    expect(ps[2]!.body).toMatch(/^The Special Rapporteur on environment stated/);
  });

  it('joins an item cut by a page break with its end only: the numbered items after it on the next page are items of their own', () => {
    const text = [
      '82.     AI stated that people seeking to affirm their gender in official identity documents were',
      'required to obtain a certificate. 113 LEGEBITRA recommended that Slovenia introduce legislative and other',
      '',
      '',
      '             policy measures ensuring legal gender recognition procedures that are transparent.114',
      '             83.    LEGEBITRA recommended that Slovenia introduce legislative and other policy',
      '             measures, prohibiting medically unnecessary surgeries on intersex children. 115',
      '             84.     LEGEBITRA recommended that Slovenia adopt an anti-bullying strategy.116',
      '',
    ].join('\n');
    const ps = numberedItems(text);
    expect(ps.map((p) => p.number)).toEqual(['82', '83', '84']);
    expect(ps[0]!.body).toMatch(/legal gender recognition procedures that are transparent/);
    expect(ps[0]!.text).not.toMatch(/intersex|anti-bullying/);
  });

  it('makes a reply under a recommendation number alone on its line (“140.57”) an item with that number', () => {
    const d: Document = { id: 'rp', file: 'rp.txt', title: 'Replies', kind: 'report', date: null, recipient: null, text: '        140.57\n       The funds for the Commission are allocated in the budget.\n       140.240-241\n       In the health sector, only treatments that comply are provided.\n' };
    expect(splitPassages(d).map((p) => [p.number, p.body])).toEqual([['140.57', 'The funds for the Commission are allocated in the budget.'], ['140.240-241', 'In the health sector, only treatments that comply are provided.']]);
  });
});

describe('a heading that says where a passage stands, not what it is about', () => {
  it('is not indexed as the passage’s words ("Notes" over the footnotes does not answer "how many did it note")', () => {
    const passage = (heading: string): IndexedPassage => ({ id: 'fn#1', doc: 'report', where: `§ ${heading} · ¶ 1`, heading, text: 'Report (Recommendation 86).', body: 'Report (Recommendation 86).' });
    for (const heading of ['Notes', 'Addendum', 'Original: English', 'Annex', 'Notas']) expect(fieldsOf(passage(heading)).heading, heading).toBe('');
    expect(fieldsOf(passage('Reprisals and intimidation')).heading).toBe('reprisals and intimidation');
    // and so a footnote under "Notes" does not hold what "note" asks
    const all = [passage('Notes'), ...Array.from({ length: 20 }, (_, k): IndexedPassage => ({ id: `r#${k}`, doc: 'replies', where: `¶ ${k + 2}`, text: `Example noted recommendation ${k + 1} on housing.`, body: `Example noted recommendation ${k + 1} on housing.` }))];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(search.search('which recommendation did Example note?', 25).map((h) => h.passage.id)).not.toContain('fn#1');
  });
});
