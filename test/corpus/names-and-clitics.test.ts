import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

const TEXTS = [
  'Slovenia will close the coal plant at Šoštanj by 2033, the ministry said.',
  'Slovenia reported that the prison in Ljubljana was overcrowded.',
  'Slovenia adopted a law on the media in 2024.',
  'Slovenia trained police officers on threats to public order.',
  'Slovenia monitored election campaigns with observers.',
  'Slovenia allocated funds to the housing programme for young families.',
];

function search(): PassageSearch {
  const passages: IndexedPassage[] = TEXTS.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
  return new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { neighbours: false });
}

describe('a name the library never mentions', () => {
  it('asked in mid-sentence, it leaves the question unanswered even when its other words meet a passage', () => {
    expect(search().search('Was the prison in Carinthia overcrowded?', 3)).toEqual([]);
  });

  it('a name the library holds is answered as before', () => {
    expect(search().search('Was the prison in Ljubljana overcrowded?', 3)[0]?.passage.id).toBe('doc#1');
  });

  it('typed all in lower case, the word after a title is the name: one the library never mentions leaves it unanswered', () => {
    expect(search().search('did minister kovac say the prison in ljubljana was overcrowded?', 3)).toEqual([]);
    expect(search().search('did the minister say the prison in ljubljana was overcrowded?', 3)[0]?.passage.id).toBe('doc#1');
  });

  it('a capitalised first word, or an acronym, is not taken for a name', () => {
    expect(search().search('Overcrowded prison in Ljubljana?', 3)[0]?.passage.id).toBe('doc#1');
    expect(search().search('Was the prison in Ljubljana overcrowded, per the NPM?', 3)[0]?.passage.id).toBe('doc#1');
  });
});

describe('a word with a clitic is asked as the word', () => {
  it('"Slovenia\'s coal plant" is wholly covered by a passage on Slovenia\'s coal plant', () => {
    const [hit] = search().search("What about Slovenia's coal plant?", 3);
    expect(hit?.passage.id).toBe('doc#0');
    expect(hit?.coverage).toBeCloseTo(1);
  });

  it('and an unknown name with one is still an unknown name', () => {
    expect(search().search("Was Carinthia's prison overcrowded?", 3)).toEqual([]);
  });
});

describe('a country asked by another of its names than the library writes', () => {
  const recommendations = [
    '140.48 Lift restrictions on dual nationality for naturalized Slovene citizens (Türkiye);',
    '140.49 Strengthen measures to protect journalists (Brazil);',
    '126. The Kingdom of the Netherlands applauded Slovenia on strengthening the rule of law.',
    '140.50 Ratify the Convention on migrant workers (Germany);',
    '61. Austria expressed concern over the unrecognized status of the German-speaking minority.',
    'Slovenia adopted a law on the media in 2024.',
  ];
  function library(): PassageSearch {
    const heading = 'Conclusions and/or recommendations';
    const source = 'Report of the Working Group on the Universal Periodic Review: Slovenia · 2025';
    const passages: IndexedPassage[] = recommendations.map((text, n) => ({ id: `wg#${n}`, doc: 'wg', heading, where: `¶ ${n + 1}`, text, body: text, source }));
    return new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { neighbours: false });
  }

  it('is found by its English or Spanish name: Turkey and Turquía for Türkiye, Brasil for Brazil, Países Bajos for the Netherlands', () => {
    for (const [q, id] of [
      ['What did Turkey recommend to Slovenia?', 'wg#0'],
      ['¿Qué recomendó Turquía a Eslovenia?', 'wg#0'],
      ['¿Qué recomendó Brasil a Eslovenia?', 'wg#1'],
      ['¿Qué dijeron los Países Bajos de Eslovenia?', 'wg#2'],
    ])
      expect(library().search(q!, 3)[0]?.passage.id, q).toBe(id);
  });

  it('is the country, not its nationality adjective: Alemania is Germany, the German-speaking minority is German', () => {
    expect(library().search('¿Qué recomendó Alemania a Eslovenia?', 3)[0]?.passage.id).toBe('wg#3');
    expect(library().search('¿Qué dijo Austria de la minoría alemana?', 3)[0]?.passage.id).toBe('wg#4');
  });
});
