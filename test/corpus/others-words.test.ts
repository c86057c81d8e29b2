import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch, withoutOthersWords } from '../../src/corpus/search-index.js';

const texts = [
  'Everyone has the right to adequate housing. Rent subsidies were paid to 3,000 households in 2023.',
  'The prison in Ljubljana was overcrowded. Roma children attended kindergartens in several municipalities.',
  'The national assembly adopted a law on the media in 2024. Some journalists were interviewed.',
  'Police officers received training on threats to public order. The budget was cut.',
  'Election campaigns were monitored by observers. Parliament debated the budget.',
  'The Ombudsman received complaints about the length of court proceedings.',
  'The government allocated funds to the housing programme for young families.',
  'Women held nearly 40 per cent of the seats in parliament.',
];
const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));

describe("a word the asker wrote for one thing is not another thing's synonym", () => {
  it('drops a weaker phrasing made only of another concept’s own words, and keeps the rest', () => {
    const stemmed = [
      { concept: { asked: 'tenant', phrasings: [['tenant'], ['rent'], ['lodger']], weights: [1, 0.2, 0.2] }, phrasings: [['tenant'], ['rent'], ['lodger']] },
      { concept: { asked: 'rent', phrasings: [['rent']] }, phrasings: [['rent']] },
    ];
    const [tenant, rent] = withoutOthersWords(stemmed);
    expect(tenant!.phrasings).toEqual([['tenant'], ['lodger']]);
    expect(tenant!.concept.weights).toEqual([1, 0.2]);
    expect(rent).toBe(stemmed[1]);
  });

  it('so one passage word does not cover three things asked: an everyday question meets nothing', () => {
    const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]));
    expect(search.search('what are my rights as a tenant if the landlord raises the rent?', 3)).toEqual([]);
    expect(search.search('Were rent subsidies paid to households?', 3)[0]?.passage.id).toBe('doc#0');
  });
});
