import { describe, expect, it } from 'vitest';
import { actionWords } from '../../src/corpus/attribution.js';
import { answerTypeOf } from '../../src/corpus/question.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { blockRoleAsked, isNameBlock } from '../../src/corpus/letter-blocks.js';
import { splitPassages, type IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

// the layout of a joint letter (seed 004): address block, salutation, prose, one signature line per organisation
const source = 'Joint Letter: the Minister Must Raise Prison Conditions · Prison Watch, Legal Aid Network · 2019';
const lines = [
  'Joint Letter: the Minister Must Raise Prison Conditions',
  'Minister of Justice Maria Example',
  'Ministry of Justice, 10 Main Street',
  'Dear Minister Example,',
  'We write ahead of your visit to urge you to raise prison conditions, which have worsened since 2017.',
  'Overcrowding has reached 150 per cent in the central prison, and detainees wait years for trial without legal aid.',
  'We look forward to working with you on prison reform.',
  'Prison Watch, Ana Person, Director, ana@prisonwatch.example',
  'Legal Aid Network, Ben Person, Senior Counsel, ben@legalaid.example',
];
const letter: IndexedPassage[] = lines.map((text, k) => ({ id: `letter#${k + 1}`, doc: 'letter', where: `¶ ${k + 1}`, text, body: text, source }));
const other: IndexedPassage[] = ['housing funds for young families', 'hate speech online', 'the ombudsman on prisons', 'pay gap in the public sector', 'asylum centres', 'roma settlements', 'the media act'].map((t, k) => ({ id: `report#${k + 1}`, doc: 'report', where: `¶ ${k + 1}`, text: `The report discussed ${t}.`, body: `The report discussed ${t}.`, source: 'Annual report · 2019' }));
const passages = [...letter, ...other];

describe('a letter’s signature and address blocks', () => {
  it('are lines of names and titles, not sentences', () => {
    expect(isNameBlock('Director – International Service for Human Rights')).toBe(true);
    expect(isNameBlock('H. E. Socorro Flores Permanent Representative of Mexico to the United Nations Office in Geneva')).toBe(true);
    expect(isNameBlock('Prison Watch, Ana Person, Director, ana@prisonwatch.example')).toBe(true);
    expect(isNameBlock('We look forward to working with you on prison reform.')).toBe(false);
    expect(isNameBlock('The Committee was concerned about overcrowding in prisons.')).toBe(false);
  });

  it('are what "who signed / wrote / sent" and "to whom" ask for', () => {
    expect(blockRoleAsked('Who signed the 2013 open letter?', ['signed'])).toBe('signature');
    expect(blockRoleAsked('¿Quién firmó la carta a Pompeo?', ['firmo'])).toBe('signature');
    expect(blockRoleAsked('To whom did the High Commissioner send the letter?', ['send'])).toBe('address');
    expect(blockRoleAsked('¿A qué embajadores les mandaron la carta?', ['mandaron'])).toBe('address');
    expect(blockRoleAsked('Which ambassadors was the 2020 question letter addressed to?', [])).toBe('address');
    expect(blockRoleAsked('el alto comisionado le mando una carta a eslovenia... a quien iba dirigida?', [])).toBe('address');
    expect(blockRoleAsked('Who said prisons were overcrowded?', ['said'])).toBeUndefined();
    // "who" as the object: someone else wrote, "who" is whom to
    expect(blockRoleAsked('Who did the High Commissioner send the letter to?', [])).toBe('address');
    expect(blockRoleAsked('Who did ISHR write to about the pledging event?', ['write'])).toBe('address');
    expect(blockRoleAsked('Who did sign the open letter?', ['sign'])).toBe('signature');
    expect(blockRoleAsked('Who signed the letter the rapporteur referred to?', ['signed'])).toBe('signature');
    // in other words: "put his name on", "who … got it", "which official did they write to"
    expect(blockRoleAsked('who put his name on the 2013 letter?', [])).toBe('signature');
    expect(blockRoleAsked('the UN rights chief sent a letter after the review - who in the government got it?', [])).toBe('address');
    expect(blockRoleAsked('which american official did the groups write to before his trip?', [])).toBe('address');
    expect(answerTypeOf('the UN rights chief sent a letter - who in the government got it?')).toBe('who');
    expect(answerTypeOf('which american official did the groups write to?')).toBe('who');
  });

  it('answer "who signed" with the signature line, the one the question names first', () => {
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    const signed = search.search('Who signed the letter about prison conditions?', 3);
    expect(signed[0]!.passage.id).toBe('letter#8');
    expect(signed[0]!.quote).toContain('Prison Watch, Ana Person');
    expect(search.search('Who signed the prison conditions letter for the Legal Aid Network?', 3)[0]!.passage.id).toBe('letter#9');
    expect(search.search('Which groups wrote to the minister about prison conditions?', 3)[0]!.passage.id).toBe('letter#8');
    expect(search.search('Who were the signatories of the letter about prison conditions?', 3)[0]!.passage.id).toBe('letter#8');
    // a signatory is chosen by the asker's own words, not by a synonym met by chance ("help" is WordNet's "aid"),
    // nor by words the letter's own prose says too: they say which letter, not which signatory
    expect(search.search('Who signed the letter asking for help with prison conditions?', 3)[0]!.passage.id).toBe('letter#8');
    expect(search.search('Who signed the letter about legal aid for detainees?', 3)[0]!.passage.id).toBe('letter#8');
    // a Spanish question may name the letter before it asks: "…, ¿quién la firmó?"
    expect(answerTypeOf('la carta sobre las cárceles, ¿quién la firmó?')).toBe('who');
    expect(actionWords('la carta sobre las cárceles, ¿quién la firmó?')).toEqual(['firmo']);
    expect(blockRoleAsked('la carta sobre las cárceles, ¿quién la firmó?', actionWords('la carta sobre las cárceles, ¿quién la firmó?'))).toBe('signature');
  });

  it('answer "to whom" with the address block, and leave other questions as ranked', () => {
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    expect(search.search('To whom was the letter about prison conditions sent?', 3)[0]!.passage.id).toBe('letter#2');
    expect(search.search('Who was the letter about prison conditions addressed to?', 3)[0]!.passage.id).toBe('letter#2');
    expect(search.search('Who did Prison Watch write to about prison conditions?', 3)[0]!.passage.id).toBe('letter#2');
    expect(search.search('Who said prisons were overcrowded?', 3).map((h) => h.passage.id)).not.toContain('letter#8');
  });

  it('answer "who wrote" a document that is no letter with the passage that names its author', () => {
    const articleSource = 'Prisons and the politics of denial · Ana Writer · 2017';
    const article: IndexedPassage[] = [
      'The government has denied for years that its prisons are overcrowded, despite the evidence.',
      'Inspections found cells holding three times the number of detainees they were built for.',
      'Ana Writer is the advocacy director of Prison Watch.',
    ].map((text, k) => ({ id: `article#${k + 1}`, doc: 'article', where: `¶ ${k + 1}`, text, body: text, source: articleSource }));
    const all = [...article, ...other];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(search.search('Who wrote the article on prisons and the politics of denial?', 3)[0]!.passage.id).toBe('article#3');
    expect(search.search('¿Quién escribió el artículo sobre prisons and denial?', 3)[0]?.passage.id).toBe('article#3');
    expect(search.search('Who is the author of the article on prisons and the politics of denial?', 3)[0]!.passage.id).toBe('article#3');
    // who sent or signed is not who wrote: the author's note is not put first
    expect(search.search('Who sent the evidence that prisons are overcrowded?', 3)[0]!.passage.id).not.toBe('article#3');
  });

  it('keep the signer’s name, alone on its line after "Yours sincerely,", with the title under it', () => {
    const text = 'Open letter on prisons\n\nWe urge you to act on prison conditions before the end of the year.\n\nYours sincerely,\n\n\nAna Person\n\nDirector – Prison Watch\n\nOn behalf of\n\n1. Legal Aid Network\n2. Prison Watch\n';
    const split = splitPassages({ id: 'open', title: 'Open letter on prisons', kind: 'letter', date: '2019-01-01', file: 'open.txt', text });
    const signature = split.find((p) => p.body.includes('Director – Prison Watch'))!;
    expect(signature.body).toBe('Ana Person Director – Prison Watch');
    expect(signature.text).toMatch(/^Ana Person\s+Director – Prison Watch$/);
    // the closing itself and the name are no passages of their own
    expect(split.some((p) => /^(Yours sincerely,|Ana Person)$/.test(p.body))).toBe(false);
  });

  it('answer "how many signed the letter" with its last numbered signatory, whose number is the count', () => {
    const text = 'Open letter on prisons\n\nWe urge you to act on prison conditions before the end of the year.\n\nOn behalf of\n\n1. Legal Aid Network\n2. Prison Watch\n3. Families of Detainees Association\n4. Lawyers for Justice\n';
    const split = splitPassages({ id: 'open', title: 'Open letter on prisons', kind: 'letter', date: '2019-01-01', file: 'open.txt', text }).map((p) => ({ ...p, source: 'Open letter on prisons · 2019' }));
    const all = [...split, ...other];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    for (const q of ['How many groups signed the open letter on prisons?', 'how many organisations put their name on the letter on prison conditions', '¿Cuántas organizaciones firmaron la carta sobre las cárceles?']) {
      const [first] = search.search(q, 3);
      expect(first?.passage.body).toBe('Lawyers for Justice');
      expect(first?.quote).toBe('4. Lawyers for Justice');
    }
    // how many of something else, or signed what is no letter, is ranked as asked
    expect(search.search('How many prison conditions does the open letter on prisons raise?', 3)[0]?.passage.body).not.toBe('Lawyers for Justice');
    expect(search.search('How many States signed the convention on prison conditions?', 3)[0]?.passage.body ?? '').not.toBe('Lawyers for Justice');
  });

  it('read a UN letter’s diplomatic closing: the name under "the assurances of my highest consideration" signs it, even with the address block and an annex after it', () => {
    const text = [
      'Letter of the High Commissioner on prisons',
      'Madam,\n\nI have the honour to refer to the review of your country, and to the conditions of its prisons, which remain overcrowded.',
      'I take this opportunity to draw your attention to the support available through the voluntary fund.',
      'Please accept,     Madam,     the assurances     of my highest     consideration.',
      '                                   Volker     Example',
      'Her Excellency Ms. Ana Minister\nMinister for Foreign Affairs of the Republic of Example',
      'Observations in light of the outcome of the review',
      'The country is encouraged to reduce overcrowding in its prisons and to provide legal aid to every detainee awaiting trial.',
    ].join('\n\n');
    const split = splitPassages({ id: 'hc', title: 'Letter of the High Commissioner on prisons', kind: 'letter', date: '2025-10-01', file: 'hc.txt', text }).map((p) => ({ ...p, source: 'Letter of the High Commissioner on prisons · 2025' }));
    // the name is a signature of its own: neither a heading over the annex nor the address block's first line
    expect(split.map((p) => p.body)).toContain('Volker Example');
    expect(split.some((p) => p.heading === 'Volker Example')).toBe(false);
    const all = [...split, ...other];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(search.search('Who signed the High Commissioner’s letter on prisons?', 3)[0]?.passage.body).toBe('Volker Example');
    expect(search.search('To whom was the High Commissioner’s letter on prisons addressed?', 3)[0]?.passage.body).toMatch(/^Her Excellency Ms\. Ana Minister/);
  });

  it('answer "when was the letter sent" with its date line, not a date its prose cites', () => {
    const text = 'New York, 5 November 2013\n\nTo: Member States candidates to the Council\n\nOpen letter on prisons\n\nWe write about prison conditions, which have worsened since 2009, and about the law of 2011 on legal aid.\n\nWe urge you to act on them before the end of the year.\n\nYours sincerely,\n\nPrison Watch\n';
    const split = splitPassages({ id: 'open', title: 'Open letter on prisons', kind: 'letter', date: '2013-11-05', file: 'open.txt', text }).map((p) => ({ ...p, source: 'Open letter on prisons · 2013' }));
    const all = [...split, ...other];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    for (const q of ['When was the open letter on prisons sent?', 'when was the letter on prison conditions written']) expect(search.search(q, 3)[0]?.passage.body, q).toBe('New York, 5 November 2013');
    // when something the letter tells of happened is asked as such
    expect(search.search('When did prison conditions start to worsen?', 3)[0]?.passage.body ?? '').not.toBe('New York, 5 November 2013');
  });

  it('answer it with a short date line at the head ("July 11, 2018"), which is kept for that and never ranked', () => {
    const text = 'Joint Letter: the Minister Must Raise Prison Conditions\n\nShare\n\nJuly 11, 2018\n\nMinister of Justice Maria Example\n\nDear Minister Example,\n\nWe write ahead of your visit on July 20, 2018 to urge you to raise prison conditions, which have worsened since 2017, and the lack of legal aid for detainees.\n\nPrison Watch\n';
    const split = splitPassages({ id: 'joint', title: 'Joint Letter: the Minister Must Raise Prison Conditions', kind: 'letter', date: '2018-07-11', file: 'joint.txt', text }).map((p) => ({ ...p, source: 'Joint Letter: the Minister Must Raise Prison Conditions · Prison Watch · 2018' }));
    expect(split.filter((p) => p.dateLine).map((p) => [p.body, p.where])).toEqual([['July 11, 2018', 'date line']]);
    // a report's short line is furniture, as before; the letter's paragraphs keep their numbers
    expect(splitPassages({ id: 'r', title: 'Report', kind: 'report', date: null, file: 'r.txt', text }).some((p) => p.dateLine)).toBe(false);
    expect(split.find((p) => p.body.startsWith('Minister of Justice'))?.where).toBe('¶ 2');
    // a second letter, of questions, that ranks first on the question's common words: the letter the question describes answers
    const asked = 'When was our letter on prison conditions sent to the minister, and when will the minister answer it?';
    const questions: IndexedPassage[] = [
      { id: 'q#1', doc: 'q', where: 'date line', text: '29th September, 2020', body: '29th September, 2020', source: 'Questions to the Minister (letter) · Legal Aid Network · 2020', dateLine: true },
      { id: 'q#2', doc: 'q', where: 'question 1', text: asked, body: asked, source: 'Questions to the Minister (letter) · Legal Aid Network · 2020' },
    ];
    const all = [...split, ...questions, ...other];
    const search = new PassageSearch(buildLunrIndex(all), all, new Glossary([]));
    expect(search.search('when was the joint letter on prison conditions to the minister sent?', 3)[0]?.passage.body).toBe('July 11, 2018');
    // never ranked for anything else, and not the answer to when a thing the letter tells of happens
    expect(search.search('July 11, 2018', 5).map((h) => h.passage.body)).not.toContain('July 11, 2018');
    expect(search.search('When is the minister’s visit, according to the joint letter?', 3)[0]?.passage.body ?? '').not.toBe('July 11, 2018');
    // nor does it weigh in any other passage's score: the same library without the date lines ranks alike
    const without = all.filter((p) => !p.dateLine);
    const scores = (ps: IndexedPassage[]) => new PassageSearch(buildLunrIndex(ps), ps, new Glossary([])).search('legal aid for detainees in prison', 5).map((h) => [h.passage.id, h.score]);
    expect(scores(all)).toEqual(scores(without));
  });
});
