import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

const TEXTS = [
  'Many people attended the meeting on the budget.',
  'People asked the council about the budget.',
  'The council heard people on public transport.',
  'People complained about the roads in the town.',
  'Some people wrote to the ministry about schools.',
  'The floods damaged the bridge near the school.',
  'After the floods the council repaired the road.',
  'Floods closed the road to the village.',
  'The ministry published its annual report.',
  'Elections were held in the spring.',
  'The court heard the case in March.',
  'Teachers asked for smaller classes.',
];

describe('how much a thing asked weighs in an English question', () => {
  it('a glossary term no passage holds ("gente" for "people") does not make a common word weigh as the rarest', () => {
    const passages: IndexedPassage[] = TEXTS.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([{ terms: ['people', 'gente'] }]), { neighbours: false });
    const [first] = search.search('What about people and floods?', 3);
    expect(first?.passage.body).toMatch(/floods/i);
  });
});

describe('an English question and the glossary\'s Spanish terms', () => {
  const texts = [...TEXTS, 'La gente del pueblo fue desplazada.'];
  const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
  const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([{ terms: ['people', 'gente'] }]), { neighbours: false });

  it('a Spanish term the asker did not write, found in one passage, does not make "people" weigh as a rare word', () => {
    expect(search.search('What about people and floods?', 3)[0]?.passage.body).toMatch(/floods/i);
  });

  it('a Spanish question still finds the Spanish term', () => {
    expect(search.search('¿Qué pasó con la gente del pueblo?', 3).map((h) => h.passage.id)).toContain('doc#12');
  });
});
