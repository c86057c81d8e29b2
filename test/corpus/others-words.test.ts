import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import { buildLunrIndex, PassageSearch, withoutOthersWords } from '../../src/corpus/search-index.js';
import { smallLibrary } from '../fakes/small-library.js';

const passages = smallLibrary('Everyone has the right to adequate housing. Rent subsidies were paid to 3,000 households in 2023.');

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
