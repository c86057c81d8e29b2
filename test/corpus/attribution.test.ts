import { describe, expect, it } from 'vitest';
import { holdsAnswerType } from '../../src/corpus/answer-type.js';
import { actionWords, namesActor } from '../../src/corpus/attribution.js';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { answerTypeOf } from '../../src/corpus/question.js';
import { splitSentences } from '../../src/corpus/quotes.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

describe('"who" questions', () => {
  it('are told by their opening words, in English and Spanish', () => {
    expect(answerTypeOf('Which children’s network asked Mexico about detained children?')).toBe('who');
    expect(answerTypeOf('¿A quién le mandó el Alto Comisionado la carta?')).toBe('who');
    expect(answerTypeOf('¿Qué país se quejó por la minoría que habla alemán?')).toBe('who');
    expect(answerTypeOf('¿Por quién hizo el relator un minuto de silencio?')).toBe('who');
    // "what did <someone> say" wants what was said, not who said it
    expect(answerTypeOf('¿Qué dijo el Comité contra la Tortura sobre la prescripción?')).toBe('what');
    expect(answerTypeOf('What did the Committee against Torture tell Croatia?')).toBe('what');
  });

  it('read the verb after "who" as the kind of answer wanted, not as a word the answer must hold', () => {
    expect(actionWords('Who suggested Slovenia should get an ombudsman for kids?')).toEqual(['suggested']);
    expect(actionWords('Which organisation said that refugees are at risk?')).toEqual(['said']);
    expect(actionWords('Who has signed the open letter?')).toEqual(['signed']);
    expect(actionWords('¿A qué embajadores mexicanos les mandaron la carta?')).toEqual(['mandaron']);
    expect(actionWords('¿Quién encabezó la delegación de Eslovenia?')).toEqual(['encabezo']);
    // the nouns of who signed or wrote
    expect(actionWords('Who were the signatories of the 2013 letter?')).toEqual(['signatories']);
    expect(actionWords('¿Quiénes son los firmantes de la carta?')).toEqual(['firmantes']);
    // the verb of the matter asked about is not the asking verb
    expect(actionWords('Who asked Slovenia to sign the treaty?')).toEqual(['asked']);
    expect(actionWords('What did the rapporteur suggest?')).toEqual([]);
  });

  it('see a sentence that names who said or did something, not any two capitalised words', () => {
    expect(namesActor('ECLJ stated that refugees and undocumented migrants were the most susceptible to trafficking.')).toBe(true);
    expect(namesActor('The Committee against Torture noted with concern reports that minors were detained.')).toBe(true);
    expect(namesActor('77. Croatia regretted the lack of any progress regarding the rights of the Croatian minority.')).toBe(true);
    expect(namesActor('140.229 Enhance the dialogue with the German-speaking minority (Austria);')).toBe(true);
    expect(namesActor('The delegation of Slovenia was headed by H.E. Ms Tanja FAJON, Deputy Prime Minister')).toBe(true);
    expect(namesActor('Washington Office on Latin America (WOLA), Maureen Meyer, Director for Mexico, mmeyer@wola.org')).toBe(true);
    expect(holdsAnswerType('The Human Rights Council adopted the outcome of the review.', 'who')).toBe(false);
    expect(holdsAnswerType('Trafficking in Human Beings remained a concern in Slovenia.', 'who')).toBe(false);
    expect(holdsAnswerType('Under the Human Rights Ombudsman Act, a children’s ombudsman is considered.', 'who')).toBe(false);
  });

  const passage = (n: number, text: string): IndexedPassage => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n}`, text, body: text });
  const passages = [
    passage(1, 'Under the Human Rights Ombudsman Act, a separate ombudsman for children in Slovenia is being considered.'),
    passage(2, 'UNICEF recommended that Slovenia consider setting up a separate ombudsman for children.'),
    ...['housing funds for young families', 'hate speech online', 'the ombudsman on prisons', 'pay gap in the public sector', 'asylum centres in Logatec', 'roma settlements and water', 'the media act of 2023'].map((t, k) => passage(10 + k, `The report discussed ${t}.`)),
  ];

  it('rank the sentence that names an actor first, though it does not use the question’s verb', () => {
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    const hits = search.search('Who suggested a separate ombudsman for children in Slovenia?', 3);
    expect(hits.map((h) => h.passage.id).slice(0, 2)).toEqual(['doc#2', 'doc#1']);
    // "suggested" is in neither passage: it is not counted as something the answer lacks
    expect(hits[0]!.coverage).toBe(1);
  });

  it('quote the whole sentence that names who, an honorific and initials included', () => {
    expect(splitSentences('The delegation of Slovenia was headed by H.E. Ms Tanja FAJON, Deputy Prime Minister. Dr. Milan Brglez was deputy head.')).toEqual([
      'The delegation of Slovenia was headed by H.E. Ms Tanja FAJON, Deputy Prime Minister.',
      'Dr. Milan Brglez was deputy head.',
    ]);
    const delegation = [passage(1, 'The review of Slovenia was held on 28 January 2025. The delegation of Slovenia was headed by H.E. Ms Tanja FAJON, Deputy Prime Minister.'), ...passages.slice(2)];
    const search = new PassageSearch(buildLunrIndex(delegation), delegation, new Glossary([]));
    expect(search.search('Who headed the delegation of Slovenia at the review?', 1)[0]!.quote).toContain('Tanja FAJON');
  });
});
