import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/corpus/glossary.js';
import type { IndexedPassage } from '../../src/corpus/passages.js';
import { buildLunrIndex, PassageSearch } from '../../src/corpus/search-index.js';

const common = (n: number) =>
  Array.from({ length: n }, (_, k) => `The ministry published report number ${k + 1} on global services, budgets and ${['schools', 'hospitals', 'courts', 'prisons', 'roads'][k % 5]}.`);
const others = Array.from({ length: 30 }, (_, k) => `Committee session ${k + 1} examined ${['detention', 'elections', 'asylum', 'journalists', 'housing', 'equality'][k % 6]} in municipality ${k + 1}.`);

function library(publicPassages: number, glossary = new Glossary([])): PassageSearch {
  const texts = ['The Sava river flooded the road near the town, a global warning, a report says.', ...common(publicPassages), ...others];
  const passages: IndexedPassage[] = texts.map((text, n) => ({ id: `doc#${n}`, doc: 'doc', where: `¶ ${n + 1}`, text, body: text }));
  return new PassageSearch(buildLunrIndex(passages), passages, glossary, { neighbours: false });
}

describe('a synonym many passages hold does not decide that the library answers', () => {
  it('"the world" met only as "global", a word of a twentieth of the library, is not an answer', () => {
    expect(library(10).search('Which is the dirtiest river in the world?', 3)).toEqual([]);
  });

  it('the same question meets the passage when its synonym is rare in the library', () => {
    expect(library(0).search('Which is the dirtiest river in the world?', 3)[0]?.passage.id).toBe('doc#0');
  });

  it('and a question in the asker’s own words is answered either way', () => {
    expect(library(10).search('Which river flooded the road?', 3)[0]?.passage.id).toBe('doc#0');
  });

  it('nor does a glossary term more than a third of the library holds ("complaint" met only as "report")', () => {
    const glossary = new Glossary([{ terms: ['complaint', 'report'] }]);
    expect(library(25, glossary).search('Was a complaint lodged about the river?', 3)).toEqual([]);
    expect(library(2, glossary).search('Was a complaint lodged about the river?', 3)[0]?.passage.id).toBe('doc#0');
  });
});
