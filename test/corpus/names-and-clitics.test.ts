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
