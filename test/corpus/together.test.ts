import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';
import { smallLibrary } from '../fakes/small-library.js';

const passages = smallLibrary('Journalists reported threats and smear campaigns on social networks. The state offered them no protection.');

describe('several things asked, meeting in one sentence', () => {
  const search = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { synonyms: false, neighbours: false });

  it('answer a question in other words although most of its words are not in the library', () => {
    const hits = search.search('Did journalists get threats and smears from cartels, mayors, governors, bishops, landlords and generals?', 3);
    expect(hits[0]?.passage.id).toBe('doc#0');
    expect(hits[0]!.coverage).toBeLessThan(0.35);
  });

  it('do not when the same words are scattered over passages and sentences', () => {
    expect(search.search('Did journalists in prisons get election threats from cartels, mayors, governors, bishops and landlords?', 3)).toEqual([]);
    // together still needs the share of the question a listed passage needs (listCoverage)
    const strict = new PassageSearch(buildLunrIndex(passages), passages, new Glossary([]), { synonyms: false, neighbours: false, listCoverage: 0.3 });
    expect(strict.search('Did journalists get threats and smears from cartels, mayors, governors, bishops, landlords and generals?', 3)).toEqual([]);
  });
});

describe('a country named in several words', () => {
  const library = smallLibrary('UNITED KINGDOM: Following the introduction of a consent-based definition of rape, what plans does the Government have for training judges?');
  const search = new PassageSearch(buildLunrIndex(library), library, new Glossary([]), { synonyms: false, neighbours: false });

  it('is one thing asked: its words do not meet with one other word as three things in one sentence', () => {
    expect(search.search('When is the following general election in the United Kingdom?', 3)).toEqual([]);
  });

  it('still answers a question about what that country asked', () => {
    expect(search.search('What did the United Kingdom ask about the definition of rape?', 3)[0]?.passage.id).toBe('doc#0');
  });
});
