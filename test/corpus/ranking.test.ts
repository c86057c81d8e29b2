import { describe, expect, it } from 'vitest';
import { holdsAnswerType, namedInQuestion } from '../../src/corpus/answer-type.js';
import { Expander, lexiconByStem, loadLexicon } from '../../src/corpus/expansion.js';
import { Glossary } from '../../src/corpus/glossary.js';
import { namedThings } from '../../src/corpus/named-things.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { answerTypeOf, languageOf, parseQuestion } from '../../src/corpus/question.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';
import { WordNet } from '../../src/corpus/wordnet.js';

describe('reading a question in the asker’s words', () => {
  const wordnet = new WordNet();

  it('finds WordNet synonyms of inflected words (jailed, kids, kidnapped, vanished), never proper names', () => {
    expect(wordnet.synonyms('jailed')).toEqual(expect.arrayContaining(['imprison', 'incarcerate']));
    expect(wordnet.synonyms('kids')).toContain('child');
    expect(wordnet.synonyms('kidnapped')).toContain('abduct');
    expect(wordnet.synonyms('vanished')).toContain('disappear');
    expect(wordnet.synonyms('graves')).not.toContain('robert graves');
    expect(wordnet.synonyms('qwertyuiop')).toEqual([]);
    expect(wordnet.synonyms('constructor')).toEqual(expect.any(Array));
  });

  it('finds words one step away in WordNet: the more general word, the similar adjective, the noun of the same root', () => {
    expect(wordnet.related('libel')).toContain('defamation');
    expect(wordnet.related('jobless')).toContain('unemployed');
    expect(wordnet.related('jailed')).toEqual(expect.arrayContaining(['detain', 'imprisonment']));
    expect(wordnet.related('qwertyuiop')).toEqual([]);
  });

  it('weighs related words below synonyms, and keeps only those the library holds', () => {
    const expander = new Expander(wordnet, (ws) => ws.join(' ') !== 'calumny');
    const [libel] = expander.expand(parseQuestion('libel?', new Glossary([])));
    const phrasings = libel!.phrasings.map((p) => p.join(' '));
    expect(phrasings).toContain('defamation');
    expect(phrasings).not.toContain('calumny');
    expect(libel!.weights![phrasings.indexOf('defamation')]).toBeLessThan(0.2);
  });

  it('reads two words WordNet knows as one phrase as one concept, with the phrase’s synonyms (carried out → implement)', () => {
    expect(wordnet.phraseSynonyms(['carried', 'out'])).toEqual(expect.arrayContaining(['implement', 'execute']));
    expect(wordnet.phraseSynonyms(['took', 'part'])).toContain('participate');
    expect(wordnet.phraseSynonyms(['ombudsman', 'rating'])).toEqual([]);
    const expander = new Expander(wordnet, () => true);
    const concepts = expander.expand(parseQuestion('How are the recommendations carried out?', new Glossary([])));
    const phrase = concepts.find((c) => c.asked === 'carried out');
    expect(phrase?.phrasings.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['carried out', 'execute']));
    expect(concepts.map((c) => c.asked)).not.toContain('out');
  });

  it('reads a Spanish question’s words in English through the lexicon of the field', () => {
    const parsed = parseQuestion('¿Qué respondió Eslovenia sobre la trata de personas?', new Glossary([]), loadLexicon());
    expect(parsed.lang).toBe('es');
    const phrasings = parsed.concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(phrasings).toEqual(expect.arrayContaining(['responded', 'slovenia', 'trafficking persons']));
  });

  it('reads "bajo la …" as the preposition (under), not as low, and redactó as drafted', () => {
    const parsed = parseQuestion('¿Bajo la coordinación de quién se redactó el informe nacional?', new Glossary([]), loadLexicon());
    expect(parsed.concepts.map((c) => c.asked)).not.toContain('bajo');
    expect(parsed.concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')))).toContain('drafted');
    expect(parseQuestion('¿Por qué el salario es tan bajo?', new Glossary([]), loadLexicon()).concepts.map((c) => c.asked)).toContain('bajo');
  });

  it('reads everyday and short forms the library does not write: tormentos (torture), interamericana, sureste, ppl', () => {
    const phrasings = (q: string) => parseQuestion(q, new Glossary([]), loadLexicon()).concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')));
    expect(phrasings('¿En cuántos casos de tormentos acusó la fiscalía?')).toContain('torture');
    expect(phrasings('¿Qué concluyó la comisión interamericana?')).toContain('inter american');
    expect(phrasings('¿Cómo viven los gitanos en el sureste?')).toContain('south east');
    expect(phrasings('para cuando eslovenia deja de usar carbon')).toEqual(expect.arrayContaining(['phasing out', 'coal']));
  });

  it('reads carbón, typed with or without its accent, as coal (not the carbon of emissions)', () => {
    for (const q of ['¿Para cuándo deja Eslovenia el carbón?', 'para cuando deja eslovenia el carbon']) {
      const phrasings = parseQuestion(q, new Glossary([]), loadLexicon()).concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')));
      expect(phrasings).toContain('coal');
    }
  });

  it('reads a Spanish word the lexicon lists in another form through their shared stem, and -siones as -ssions', () => {
    const expander = new Expander(undefined, () => true, lexiconByStem());
    const parsed = parseQuestion('¿Las cárceles están hacinadas? ¿Hubo confesiones de personas torturadas?', new Glossary([]), loadLexicon());
    const byWord = new Map(expander.expand(parsed).map((c) => [c.asked, c.phrasings.map((p) => p.join(' '))]));
    expect(byWord.get('hacinadas')).toEqual(expect.arrayContaining(['overcrowding', 'overcrowded']));
    expect(byWord.get('torturadas')).toEqual(expect.arrayContaining(['torture']));
    expect(byWord.get('confesiones')).toContain('confessions');
  });

  it('leaves out Spanish stop words that lose their accent when folded (está, había, también)', () => {
    const parsed = parseQuestion('¿Los niños están en clases separadas? ¿También había cursos?', new Glossary([]), loadLexicon());
    expect(parsed.concepts.map((c) => c.asked)).not.toEqual(expect.arrayContaining(['estan']));
    expect(parsed.concepts.map((c) => c.asked).some((a) => ['estan', 'tambien', 'habia'].includes(a))).toBe(false);
  });

  it('leaves out the -ing forms of verbs whose other forms are stop words ("getting off coal": getting is no thing asked)', () => {
    const parsed = parseQuestion('when is slovenia getting off coal, and what is it doing, having, saying or making about it?', new Glossary([]), loadLexicon());
    const asked = parsed.concepts.map((c) => c.asked);
    expect(asked).toEqual(expect.arrayContaining(['slovenia', 'coal']));
    expect(asked.some((a) => ['getting', 'doing', 'having', 'saying', 'making'].includes(a))).toBe(false);
  });

  it('tells Spanish from English, and what kind of answer is wanted', () => {
    expect(languageOf('¿Cuántos periodistas?')).toBe('es');
    expect(languageOf('Que dijo el relator sobre la tortura')).toBe('es');
    expect(languageOf('What did the rapporteur say about torture?')).toBe('en');
    expect(answerTypeOf('How many journalists were killed?')).toBe('how-many');
    expect(answerTypeOf('¿Cuántas desapariciones hubo?')).toBe('how-many');
    expect(answerTypeOf('When did the Commission visit?')).toBe('when');
    expect(answerTypeOf('how packed was the ljubljana jail?')).toBe('how-many');
    expect(answerTypeOf('¿qué tan llena estaba la cárcel?')).toBe('how-many');
    expect(answerTypeOf('Who signed the letter?')).toBe('who');
    expect(answerTypeOf('What did Ireland recommend?')).toBe('what');
    // a reason: "why", "how come", "on what grounds", "¿por qué?" (not "porque", because)
    expect(answerTypeOf("why won't slovenia join the migrant workers convention?")).toBe('why');
    expect(answerTypeOf('how come mexico stopped paying the IACHR?')).toBe('why');
    expect(answerTypeOf('xq eslovenia no firma la convencion de los trabajadores migrantes')).toBe('why'); // chat's "por qué"
    expect(answerTypeOf('la carta dice que es porque no hay fondos?')).not.toBe('why'); // "porque" inside: because
    expect(answerTypeOf('¿Por qué Eslovenia no piensa ratificar la convención?')).toBe('why');
    expect(answerTypeOf('dijeron que no porque no era prioridad?')).toBe('what');
  });

  it('leaves out "take place": "when did the visit take place" asks when the visit was, not about a place', () => {
    const asked = parseQuestion('When did the official mission to Mexico take place?', new Glossary([]), loadLexicon()).concepts.map((c) => c.asked);
    expect(asked).toEqual(expect.arrayContaining(['official', 'mission', 'mexico']));
    expect(asked).not.toContain('place');
    expect(parseQuestion('Is there a place of detention for children?', new Glossary([]), loadLexicon()).concepts.map((c) => c.asked)).toContain('place');
    // nor is the frame of a question for a date ("on what date", "¿en qué fecha?"): the answer type asks for it
    expect(parseQuestion('On what date was the review of Slovenia held?', new Glossary([]), loadLexicon()).concepts.map((c) => c.asked)).not.toContain('date');
    const es = parseQuestion('¿En qué fecha se realizó el examen de Eslovenia?', new Glossary([]), loadLexicon());
    expect(es.concepts.map((c) => c.asked)).not.toContain('fecha');
    expect(es.answerType).toBe('when');
    expect(es.concepts.flatMap((c) => c.phrasings.map((p) => p.join(' ')))).toContain('held'); // realizó: held, not realize
  });

  it('tells a date asked as a deadline or a target ("by when", "para qué año", "planning to") from one that has passed', () => {
    for (const q of ['By when will Slovenia send its mid-term report?', 'when is slovenia planning to hand in its report?', 'when is slovenia getting off coal', '¿Para qué año piensa Eslovenia dejar el carbón?', 'para cuando eslovenia manda el informe']) expect(answerTypeOf(q), q).toBe('by-when');
    expect(answerTypeOf('When did the Commission visit Mexico?')).toBe('when');
    expect(answerTypeOf('¿Cuándo visitó la Comisión México?')).toBe('when');
    // the date of a deadline, not any date
    expect(holdsAnswerType('Slovenia had committed to phasing out coal by 2033.', 'by-when')).toBe(true);
    expect(holdsAnswerType('A mid-term report will be submitted, preferably by 2027.', 'by-when')).toBe(true);
    expect(holdsAnswerType('Send your responses to ISHR by 9th October 2020.', 'by-when')).toBe(true);
    expect(holdsAnswerType('The mid-term report was approved by the Government on 17 March 2022.', 'by-when')).toBe(false);
    expect(holdsAnswerType('The mid-term report was approved by the Government on 17 March 2022.', 'when')).toBe(true);
  });

  it('sees a number, a date or a name where the question wants one', () => {
    expect(holdsAnswerType('Slovenia received 254 recommendations', 'how-many')).toBe(true);
    expect(holdsAnswerType('thirteen journalists were killed', 'how-many')).toBe(true);
    expect(holdsAnswerType('In 2023 the council was set up (A/HRC/59/15)', 'how-many')).toBe(false);
    expect(holdsAnswerType('In March 2023, the Strategic Council', 'when')).toBe(true);
    expect(holdsAnswerType('Amnesty International USA, Marselha Gonçalves Margerin, Advocacy Director', 'who')).toBe(true);
    expect(holdsAnswerType('Ratification is not a priority for Slovenia, as the current legislation already protects them.', 'why')).toBe(true);
    expect(holdsAnswerType('Ratify the Convention on migrant workers (Rwanda);', 'why')).toBe(false);
  });

  it('ranks the passage that gives a reason first for a question that asks why', () => {
    const texts = [
      'Proceed with the ratification of the International Convention on the Protection of the Rights of All Migrant Workers (Rwanda);',
      'Consider the ratification of the International Convention on the Protection of the Rights of All Migrant Workers (Chile);',
      'Complete the ratification of the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families (Mexico);',
      'Ratification of the International Convention on the Protection of the Rights of All Migrant Workers is not a priority, as the current legislation already guarantees their rights.',
      'The Ombudsman reported on the overcrowding in prisons.',
      'Roma settlements lacked access to drinking water.',
    ];
    const passages: IndexedPassage[] = texts.map((text, k) => ({ id: `r#${k + 1}`, doc: 'r', where: `¶ ${k + 1}`, text, body: text, source: 'Recommendations and replies · 2025' }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    expect(search.search('why no ratification of the international convention on migrant workers?', 3)[0]!.passage.id).toBe('r#4');
    expect(search.search('why not ratify the International Convention on Migrant Workers?', 3)[0]!.passage.id).toBe('r#4');
  });

  it('gives a reason the weight of an answer: a long reply that gives one outranks short recommendations that share its words', () => {
    const texts = [
      ...['Rwanda', 'Chile', 'Mexico', 'Algeria', 'Egypt'].map((c) => `Ratify the International Convention on Migrant Workers (${c});`),
      '140.1-6 A/HRC/59/15/Add.1 Ratification of the Convention is not a priority for Slovenia, as the current legislation already guarantees migrant workers and their family members in the labour market most of the rights enshrined in the Convention and reflects its objectives. The rights of migrants are protected by existing EU legislation. The fight against discrimination is regulated by strategic documents for specific areas.',
      ...Array.from({ length: 20 }, (_, k) => `Slovenia reported on housing programme ${k + 1}.`),
    ];
    const passages: IndexedPassage[] = texts.map((text, k) => ({ id: `w#${k + 1}`, doc: 'w', where: `¶ ${k + 1}`, text, body: text, source: 'Recommendations and replies · 2025' }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    const [first] = search.search("why won't slovenia sign up to the un treaty on migrant workers?", 3);
    expect(first!.passage.id).toBe('w#6');
    expect(first!.features?.typed).toBe(2); // a reason counts twice; a figure for "how many" once
  });

  it('does not take a figure or date the question names for its answer', () => {
    const when = namedInQuestion('When did Slovenia join the 1961 statelessness convention?');
    expect(holdsAnswerType('Ratify the 1961 Convention on the Reduction of Statelessness (Spain)', 'when', when)).toBe(false);
    expect(holdsAnswerType('The 1961 Convention was ratified on 30 January 2025.', 'when', when)).toBe(true);
    const howMany = namedInQuestion('How many of the 182 recommendations were implemented?');
    expect(holdsAnswerType('Slovenia received 182 recommendations.', 'how-many', howMany)).toBe(false);
    expect(holdsAnswerType('It implemented 180 of the 182 recommendations.', 'how-many', howMany)).toBe(true);
  });

  it('names the countries and years a question is about, in English or Spanish', () => {
    expect(namedThings('How many journalists were killed in Brazil in 2019?').map((t) => t.names[0])).toEqual(['brazil', '2019']);
    expect(namedThings('¿Qué recomendó el Comité contra la Tortura a Croacia?')[0]!.names).toContain('croatia');
    expect(namedThings('What did the Special Rapporteur recommend?')).toEqual([]);
  });
});

describe('a sentence that gives a link in passing', () => {
  it('is read and quoted like any other (a reference that is only a link, or "accessed …", is not)', () => {
    const texts = [
      'I draw your attention to the Voluntary Fund for UPR Implementation, which may be activated at the request of a State, with the guidance available at https://www.ohchr.org/en/upr, to implement recommendations. I thank your Government for its cooperation with my Office.',
      'Report of the Working Group, available at https://www.ohchr.org/upr.',
      ...Array.from({ length: 30 }, (_, k) => `The State reported on implementation of recommendation ${k + 1} and its funding.`),
    ];
    const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    const [first] = search.search('Is there a voluntary fund a State can ask to help implement the UPR recommendations?', 3);
    expect(first?.passage.id).toBe('doc#0');
    expect(first?.quote).toContain('Voluntary Fund for UPR Implementation');
  });
});
